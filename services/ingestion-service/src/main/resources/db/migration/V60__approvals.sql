-- What ingestion noticed about a revision when it accepted it (OUTLIER, RULE:<name>; comma-separated, null for
-- nothing): the approvers' queue puts these first.
alter table measurement add column flags text;
alter table measurement_current add column flags text;

-- The review of values: every step (approved, or returned with a comment), with who and when, numbered per key from
-- 1 across its revisions. A value in force is APPROVED or RETURNED by the latest step on its revision, PROVISIONAL
-- without one; a correction is a new revision, PROVISIONAL again.
create table measurement_review (
    indicator_code varchar(64)   not null,
    component      varchar(64)   not null,
    breakdown      varchar(128)  not null,
    department     varchar(64)   not null,
    period         char(7)       not null,
    step           integer       not null,
    revision       integer       not null,
    decision       varchar(16)   not null check (decision in ('APPROVED', 'RETURNED')),
    comment        varchar(2000),
    decided_by     varchar(255)  not null,
    decided_at     timestamptz   not null,
    primary key (indicator_code, component, breakdown, department, period, step)
);
-- The queue: values in force of a department, oldest first.
create index measurement_current_by_department on measurement_current (department, recorded_at);
