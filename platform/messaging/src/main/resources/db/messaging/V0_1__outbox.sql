-- Transactional outbox in the Debezium Outbox Event Router layout (id, aggregatetype, aggregateid, type,
-- payload), so that production can swap the relay for CDC. seq keeps publication order.
create table outbox_event (
    seq           bigserial primary key,
    id            uuid        not null unique,
    aggregatetype varchar(64) not null,
    aggregateid   varchar(255) not null,
    type          varchar(128) not null,
    topic         varchar(255) not null,
    payload       jsonb       not null,
    created_at    timestamptz not null default now()
);
