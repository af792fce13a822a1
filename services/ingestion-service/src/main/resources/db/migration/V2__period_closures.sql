-- A month closed for new values and corrections. indicator_code and department NULL mean "every one";
-- a submission is refused when any closure of its month covers its indicator and department.
create table period_closure (
    id             uuid primary key,
    period         char(7)      not null,
    fiscal_year    integer      not null,
    indicator_code varchar(64),
    department     varchar(64),
    closed_by      varchar(255) not null,
    closed_at      timestamptz  not null
);
create unique index period_closure_scope
    on period_closure (period, coalesce(indicator_code, ''), coalesce(department, ''));
create index period_closure_by_year on period_closure (fiscal_year);
