-- Indicators as indicator-service publishes them (full state), to validate submissions against.
create table indicator_replica (
    code       varchar(64) primary key,
    department varchar(64) not null,
    retired    boolean     not null,
    version    bigint      not null,
    state      jsonb       not null
);

-- Every revision of every monthly value. Nothing is updated in place: a correction is a new revision.
-- component and breakdown are '' when the indicator has none, so that the key is never NULL.
create table measurement (
    id             uuid primary key,
    indicator_code varchar(64)    not null,
    component      varchar(64)    not null default '',
    breakdown      varchar(128)   not null default '',
    department     varchar(64)    not null,
    period         char(7)        not null,
    fiscal_year    integer        not null,
    value          numeric(24, 6) not null,
    revision       integer        not null,
    note           varchar(1000),
    reason         varchar(1000),
    recorded_by    varchar(255)   not null,
    recorded_at    timestamptz    not null,
    constraint measurement_revision_unique
        unique (indicator_code, component, breakdown, department, period, revision)
);
create index measurement_by_year on measurement (indicator_code, fiscal_year);
