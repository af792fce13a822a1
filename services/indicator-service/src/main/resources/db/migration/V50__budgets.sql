-- Every version of a fiscal year's budget (Ⅳ 別紙１–３ and Ⅴ's ceiling), as the full state that was published.
create table budget_version (
    fiscal_year integer      not null,
    version     bigint       not null,
    state       jsonb        not null,
    changed_at  timestamptz  not null,
    changed_by  varchar(255),
    primary key (fiscal_year, version)
);

-- Every version of finance's cause analysis (要因分析) of a budget line and its response.
create table budget_analysis (
    fiscal_year integer       not null,
    line_code   varchar(64)   not null,
    version     bigint        not null,
    cause       varchar(4000) not null,
    response    varchar(4000) not null,
    recorded_at timestamptz   not null,
    recorded_by varchar(255),
    primary key (fiscal_year, line_code, version)
);
