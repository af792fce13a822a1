-- The read model kept on write: a poll of values moves these tables by the delta of each new revision, and
-- GET /progress for today reads kept_progress instead of recomputing. measurement_revision stays the full
-- history (asOf a past date, exports); everything here can be derived from it and from the topics.

-- The value in force of each key: its latest revision.
create table measurement_current (
    indicator_code varchar(64)    not null,
    period         char(7)        not null,
    component      varchar(64)    not null,
    breakdown      varchar(128)   not null,
    department     varchar(64)    not null,
    fiscal_year    integer        not null,
    revision       integer        not null,
    value          numeric(24, 6) not null,
    primary key (indicator_code, period, component, breakdown, department)
);

-- Per indicator × month × component × breakdown value: the sum over departments of the values in force, and how
-- many keys contribute (a month whose values add up to 0 is still a reported month).
create table monthly_total (
    indicator_code varchar(64)    not null,
    fiscal_year    integer        not null,
    period         char(7)        not null,
    component      varchar(64)    not null,
    breakdown      varchar(128)   not null,
    value          numeric(30, 6) not null,
    keys           integer        not null,
    primary key (indicator_code, fiscal_year, period, component, breakdown)
);

-- Progress as of kept_year.as_of per target year and indicator, as the Progress JSON; null once the indicator no
-- longer has a target in that year. version is the kept_year version that wrote the row, so a replica reloads
-- only the rows newer than its copy.
create table kept_progress (
    fiscal_year       integer     not null,
    indicator_code    varchar(64) not null,
    indicator_version bigint      not null,
    version           bigint      not null,
    progress          jsonb,
    primary key (fiscal_year, indicator_code)
);
create index kept_progress_by_version on kept_progress (fiscal_year, version);

create table kept_year (
    fiscal_year integer primary key,
    as_of       date    not null,
    version     bigint  not null
);

-- One row. plan_generation moves with every plan item change, so every replica's cache of the plan tree sees it;
-- rebuild_* describe a rebuild in progress (any replica may run it; a stale heartbeat lets another take over).
create table read_model_state (
    id                smallint primary key check (id = 1),
    plan_generation   bigint       not null,
    rebuild_id        uuid,
    rebuild_owner     varchar(255),
    rebuild_started   timestamptz,
    rebuild_heartbeat timestamptz,
    rebuild_events    bigint,
    last_rebuild      jsonb
);
insert into read_model_state (id, plan_generation) values (1, 0);

-- A read model built before this migration: derive the kept tables from the history once.
insert into measurement_current (indicator_code, period, component, breakdown, department, fiscal_year, revision, value)
select distinct on (indicator_code, period, component, breakdown, department)
       indicator_code, period, component, breakdown, department, fiscal_year, revision, value
from measurement_revision
order by indicator_code, period, component, breakdown, department, revision desc;

insert into monthly_total (indicator_code, fiscal_year, period, component, breakdown, value, keys)
select indicator_code, fiscal_year, period, component, breakdown, sum(value), count(*)
from measurement_current
group by indicator_code, fiscal_year, period, component, breakdown;
