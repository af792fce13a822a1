-- Plan items as plan-service publishes them; indicators may only refer to items that exist there.
create table plan_item_replica (
    id        uuid primary key,
    plan_code varchar(64) not null,
    code      varchar(64) not null,
    removed   boolean     not null,
    version   bigint      not null
);

create table indicator (
    code           varchar(64) primary key,
    name_ja        varchar(500) not null,
    name_en        varchar(500),
    unit           varchar(64)  not null,
    department     varchar(64)  not null,
    plan_item_id   uuid         not null,
    core_target    boolean      not null,
    reference_only boolean      not null,
    aggregation    varchar(16)  not null,
    retired        boolean      not null default false,
    version        bigint       not null,
    created_at     timestamptz  not null,
    updated_at     timestamptz  not null
);

create table indicator_target (
    indicator_code varchar(64) not null references indicator (code),
    fiscal_year    integer     not null,
    comparator     varchar(16) not null,
    value          numeric(24, 6),
    primary key (indicator_code, fiscal_year)
);
