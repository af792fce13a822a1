-- The agency's evaluations of its plan's evaluation items, owned here: the proposal a grade is checked against is
-- worked out from this read model. Every version is kept, full state, and published on kpi.evaluations.v1 through
-- the outbox; part says which half a version changed (SELF: the agency's grade, MINISTER: the minister's). Not
-- emptied by a rebuild, which replays only what other services own.
create table item_evaluation (
    plan_code   varchar(64)  not null,
    fiscal_year integer      not null,
    item_code   varchar(64)  not null,
    version     bigint       not null,
    part        varchar(8)   not null check (part in ('SELF', 'MINISTER')),
    state       jsonb        not null,
    recorded_at timestamptz  not null,
    primary key (plan_code, fiscal_year, item_code, version)
);
