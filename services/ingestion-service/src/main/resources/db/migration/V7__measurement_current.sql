-- The revision in force of each key (its highest), kept on write beside the history: a submission reads its key's
-- current revision and the outlier window of its series from here with index lookups, instead of picking the
-- newest revision out of every revision ever stored. Written in the same statement as the history.
create table measurement_current (
    indicator_code varchar(64)    not null,
    component      varchar(64)    not null,
    breakdown      varchar(128)   not null,
    department     varchar(64)    not null,
    period         char(7)        not null,
    id             uuid           not null,
    fiscal_year    integer        not null,
    value          numeric(24, 6) not null,
    revision       integer        not null,
    note           varchar(1000),
    reason         varchar(1000),
    recorded_by    varchar(255)   not null,
    recorded_at    timestamptz    not null,
    primary key (indicator_code, component, breakdown, department, period)
);

insert into measurement_current (indicator_code, component, breakdown, department, period, id, fiscal_year, value,
                                 revision, note, reason, recorded_by, recorded_at)
select distinct on (indicator_code, component, breakdown, department, period)
       indicator_code, component, breakdown, department, period, id, fiscal_year, value, revision, note, reason,
       recorded_by, recorded_at
from measurement
order by indicator_code, component, breakdown, department, period, revision desc;

-- Moves whenever a month is closed or reopened, so that every replica knows when its cached closures are stale: a
-- writer reads it after taking its months' locks, in the statement that reads its keys' current revisions.
create table closure_version (
    id      integer primary key check (id = 1),
    version bigint  not null
);
insert into closure_version (id, version) values (1, 1);
