-- The last status published per indicator and fiscal year, so that only a change is published. A rebuild of
-- the read model keeps it, so replaying the topics does not announce old news again.
create table indicator_status (
    indicator_code varchar(64) not null,
    fiscal_year    integer     not null,
    status         varchar(16) not null,
    changed_at     timestamptz not null,
    primary key (indicator_code, fiscal_year)
);
