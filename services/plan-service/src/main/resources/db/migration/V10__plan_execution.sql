-- Plan execution: the measures (①…, a.…) and important initiatives of a plan, their milestones, status and
-- commentary per review period. Every version of a measure is kept (measure_change) with who and when, and every
-- revision of a commentary (commentary), as measurement revisions are: nothing is overwritten without a trace.
create table measure (
    id            uuid          primary key,
    plan_code     varchar(64)   not null references plan (code),
    code          varchar(64)   not null,
    kind          varchar(16)   not null,
    plan_item_id  uuid          not null references plan_item (id),
    parent_id     uuid          references measure (id),
    marker        varchar(16),
    title_ja      varchar(500),
    text_ja       text          not null,
    name_en       varchar(1000),
    department    varchar(64)   not null,
    sort_order    integer       not null,
    concerns      text[]        not null default '{}',
    status        varchar(16)   not null,
    version       bigint        not null,
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    changed_by    varchar(255)  not null,
    constraint measure_code_unique unique (plan_code, code)
);
create index measure_plan_item on measure (plan_item_id);
create index measure_parent on measure (parent_id);

create table milestone (
    id          uuid          primary key,
    measure_id  uuid          not null references measure (id),
    plan_code   varchar(64)   not null,
    code        varchar(80)   not null,
    name_ja     varchar(500)  not null,
    name_en     varchar(500),
    due         date          not null,
    due_basis   varchar(500),
    done_on     date,
    sort_order  integer       not null,
    constraint milestone_code_unique unique (plan_code, code)
);
create index milestone_measure on milestone (measure_id);

-- Each version of a measure as it was published (the event's data), with who changed it, when and how.
create table measure_change (
    measure_id  uuid          not null references measure (id) on delete cascade,
    version     bigint        not null,
    change      varchar(32)   not null,
    changed_by  varchar(255)  not null,
    changed_at  timestamptz   not null,
    state       jsonb         not null,
    primary key (measure_id, version)
);

-- Every revision of a measure's commentary for a review period (H1: the first half, FY: the year end).
create table commentary (
    measure_id   uuid          not null references measure (id),
    period       varchar(8)    not null,
    revision     integer       not null,
    done         text,
    problems     text,
    next_steps   text,
    evidence     text[]        not null default '{}',
    reason       varchar(500),
    recorded_by  varchar(255)  not null,
    recorded_at  timestamptz   not null,
    primary key (measure_id, period, revision)
);
