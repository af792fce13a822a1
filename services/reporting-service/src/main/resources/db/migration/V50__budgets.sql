-- The budget in force per fiscal year (kpi.budgets.v1, the highest version), and every version of finance's
-- analyses of its lines; budget_status holds the line and ceiling statuses last published (kpi.budget-status.v1).
create table budget_view (
    fiscal_year integer primary key,
    version     bigint  not null,
    state       jsonb   not null
);

create table budget_analysis_view (
    fiscal_year integer       not null,
    line_code   varchar(64)   not null,
    version     bigint        not null,
    cause       varchar(4000) not null,
    response    varchar(4000) not null,
    recorded_at timestamptz   not null,
    recorded_by varchar(255),
    primary key (fiscal_year, line_code, version)
);

create table budget_status (
    fiscal_year integer     not null,
    code        varchar(64) not null,
    status      varchar(32) not null,
    changed_at  timestamptz not null,
    primary key (fiscal_year, code)
);
