-- Plan execution, built only from kpi.plan-execution.v1 (a durable log): every version of every measure and
-- initiative (with its milestones) and every commentary revision, each with the time it was recorded, so the plan
-- as recorded by any instant can be rebuilt; and the current state of each measure (the highest version).
create table measure_view (
    id          uuid        primary key,
    plan_code   varchar(64) not null,
    fiscal_year integer     not null,
    removed     boolean     not null,
    version     bigint      not null,
    state       jsonb       not null
);
create index measure_view_plan on measure_view (plan_code);

create table measure_history (
    id          uuid        not null,
    version     bigint      not null,
    plan_code   varchar(64) not null,
    changed_at  timestamptz not null,
    state       jsonb       not null,
    primary key (id, version)
);
create index measure_history_plan on measure_history (plan_code, changed_at);

create table commentary_revision (
    measure_id  uuid        not null,
    period      varchar(8)  not null,
    revision    integer     not null,
    plan_code   varchar(64) not null,
    recorded_at timestamptz not null,
    state       jsonb       not null,
    primary key (measure_id, period, revision)
);
create index commentary_revision_plan on commentary_revision (plan_code, recorded_at);

-- The last status published per milestone (OPEN, OVERDUE, DONE, DROPPED), so only a change is announced. Kept by a
-- rebuild, as indicator_status is.
create table milestone_status (
    milestone_id uuid        primary key,
    status       varchar(16) not null,
    changed_at   timestamptz not null
);

-- Reviews taken: a named snapshot of a plan at a date as recorded by an instant. Not derived from the topics (it is
-- a user's act), so a rebuild keeps it; taking it again recomputes it from the rebuilt history and compares.
create table plan_review (
    code        varchar(64)  primary key,
    plan_code   varchar(64)  not null,
    fiscal_year integer      not null,
    name        varchar(200) not null,
    as_of       date         not null,
    recorded_by timestamptz  not null,
    taken_at    timestamptz  not null,
    taken_by    varchar(255) not null,
    snapshot    jsonb        not null
);

-- The plan tree's order, its 【重要な取組】 marks and the agency and year of the item's plan, from the plan-item events
-- (rows kept before this migration read 0, false and null until their item changes or the read model is rebuilt;
-- the tree then falls back to the codes' order, and places only the indicators of its own items).
alter table plan_item_view add column sort_order integer not null default 0;
alter table plan_item_view add column important_initiative boolean not null default false;
alter table plan_item_view add column agency varchar(64);
alter table plan_item_view add column fiscal_year integer;
