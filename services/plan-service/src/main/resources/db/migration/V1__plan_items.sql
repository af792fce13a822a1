create table plan_item (
    id                   uuid primary key,
    plan_code            varchar(64)  not null,
    code                 varchar(64)  not null,
    parent_id            uuid references plan_item (id),
    name_ja              varchar(500) not null,
    name_en              varchar(500),
    sort_order           integer      not null default 0,
    important_initiative boolean      not null default false,
    version              bigint       not null,
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null,
    constraint plan_item_code_unique unique (plan_code, code)
);
create index plan_item_parent on plan_item (parent_id);
