-- Approval decisions on values (ingestion-service's reviews, kpi.measurement.approval-decided.v1 on the measurements
-- topic), every step kept: a value in force is APPROVED or RETURNED by the latest step on its revision, and
-- PROVISIONAL without one. Replayed by a rebuild like the revisions.
create table measurement_approval (
    indicator_code varchar(64)   not null,
    component      varchar(64)   not null,
    breakdown      varchar(128)  not null,
    department     varchar(64)   not null,
    period         char(7)       not null,
    step           integer       not null,
    revision       integer       not null,
    fiscal_year    integer       not null,
    decision       varchar(16)   not null,
    comment        varchar(2000),
    decided_by     varchar(255)  not null,
    decided_at     timestamptz   not null,
    primary key (indicator_code, component, breakdown, department, period, step)
);
create index measurement_approval_by_year on measurement_approval (fiscal_year, indicator_code);

-- The review state of one revision as decided before an instant: the decision of its latest step, null when none.
-- One definition for every read that asks it (official figures, approval shares, the export, the report).
create function approval_before(code varchar, comp varchar, brk varchar, dept varchar, per char(7), rev integer,
                                before timestamptz) returns varchar
language sql stable as $$
    select a.decision from measurement_approval a
    where a.indicator_code = code and a.component = comp and a.breakdown = brk and a.department = dept
      and a.period = per and a.revision = rev and a.decided_at < before
    order by a.step desc limit 1
$$;
