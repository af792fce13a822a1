-- The read model, built only from events: it can be dropped and rebuilt by replaying the topics.
create table plan_item_view (
    id        uuid primary key,
    plan_code varchar(64)  not null,
    code      varchar(64)  not null,
    parent_id uuid,
    name_ja   varchar(500) not null,
    name_en   varchar(500),
    removed   boolean      not null,
    version   bigint       not null
);

create table indicator_view (
    code    varchar(64) primary key,
    version bigint      not null,
    state   jsonb       not null
);

-- Every revision ever published; the value as of a date is the latest revision recorded by then.
create table measurement_revision (
    indicator_code varchar(64)    not null,
    component      varchar(64)    not null,
    breakdown      varchar(128)   not null,
    department     varchar(64)    not null,
    period         char(7)        not null,
    revision       integer        not null,
    fiscal_year    integer        not null,
    value          numeric(24, 6) not null,
    measurement_id uuid           not null,
    recorded_at    timestamptz    not null,
    primary key (indicator_code, component, breakdown, department, period, revision)
);
create index measurement_revision_by_year on measurement_revision (fiscal_year, indicator_code);
