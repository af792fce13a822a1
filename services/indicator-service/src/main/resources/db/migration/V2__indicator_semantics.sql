-- Everything the FY2024 plan's targets need: components (ratios), a breakdown dimension, active years,
-- target scopes, extra conditions, baseline formulas, exact fractions; and every version kept.
alter table indicator
    add column components       text    not null default '[]',
    add column breakdown        text,
    add column allows_negative  boolean not null default false,
    add column first_fiscal_year integer not null default 2000,
    add column last_fiscal_year integer;

alter table indicator_target
    add column value_numerator      numeric(24, 6),
    add column value_denominator    numeric(24, 6),
    add column scope                varchar(32) not null default 'FISCAL_YEAR',
    add column since_fiscal_year    integer,
    add column baseline_fiscal_year integer,
    add column baseline_value       numeric(24, 6),
    add column conditions           text not null default '[]',
    add column formula              text;

create table indicator_version (
    code       varchar(64) not null references indicator (code),
    version    bigint      not null,
    state      jsonb       not null,
    changed_at timestamptz not null,
    primary key (code, version)
);
