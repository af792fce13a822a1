-- Plans: every plan item now belongs to one. Plan codes are stable keys such as IPA-FY2024.
create table plan (
    code                 varchar(64)  primary key,
    agency               varchar(64)  not null,
    fiscal_year          integer      not null,
    mid_term_period      varchar(100),
    mid_term_first_year  integer,
    mid_term_last_year   integer,
    name_ja              varchar(500) not null,
    name_en              varchar(500),
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null
);

-- Items created before plans existed (e.g. by the README walk-through) get a placeholder plan, so that the
-- foreign key below holds on existing databases. Agency is the code up to its first '-', the fiscal year is
-- FYnnnn in the code or else the Japanese fiscal year (April-March) of the plan's first item; both, and the
-- name (the code itself), can be corrected with PUT /api/v1/plans/{code}.
insert into plan (code, agency, fiscal_year, name_ja, created_at, updated_at)
select plan_code,
       left(split_part(plan_code, '-', 1), 64),
       coalesce(substring(plan_code from 'FY([0-9]{4})')::integer,
                extract(year from (min(created_at) at time zone 'Asia/Tokyo') - interval '3 months')::integer),
       plan_code,
       min(created_at),
       now()
from plan_item
group by plan_code;

alter table plan_item
    add constraint plan_item_plan foreign key (plan_code) references plan (code);

-- What indicator-service says about indicators, kept from kpi.indicators.v1: which plan items they refer
-- to, so that an item that indicators still report against is not deleted. Retired indicators count too.
-- The code is text: a replica must take whatever the owner accepted, or the stream would stall on it.
create table indicator_reference (
    code         text        primary key,
    plan_item_id uuid,
    retired      boolean     not null,
    version      bigint      not null
);
create index indicator_reference_plan_item on indicator_reference (plan_item_id);
