-- Values applied whose progress is not recalculated yet: a consumer's transaction marks the (indicator, fiscal
-- year of the values) it applied and commits; a refresher of any replica claims the marks (skip locked), and
-- recalculates and deletes them in one transaction, so a mark is gone only once its progress is kept.
create table kept_pending (
    id             bigint generated always as identity primary key,
    indicator_code varchar(64) not null,
    value_year     integer     not null,
    marked_at      timestamptz not null default now()
);
