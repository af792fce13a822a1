-- Reminders mailed to departments and their approvers (Reminders), owned here and not emptied by a rebuild. A row is
-- the claim of one reminder: inserted with its kpi.reminders.v1 event in one transaction, at most once per kind,
-- period and department (whichever replica inserts it first sends it), mailed after that commit and marked sent.
-- period is the period of the missing values (2026-10, 2026-Q2, FY2026) for DUE_SOON and OVERDUE, and the day
-- (Japan time, 2026-12-02) for APPROVAL_WAITING: approvers hear at most once a day per department. The mail is kept
-- as it was decided (recipients, subject, body), so a retry sends what the event announced.
create table reminder (
    id              uuid          primary key,
    kind            varchar(32)   not null,
    period          varchar(10)   not null,
    department      varchar(64)   not null,
    deadline        date,
    recipients      text[]        not null,
    indicator_codes varchar(64)[] not null,
    value_count     integer       not null,
    subject         text          not null,
    body            text          not null,
    claimed_at      timestamptz   not null,
    sent_at         timestamptz,
    attempts        integer       not null default 0,
    last_attempt_at timestamptz,
    last_error      varchar(2000),
    -- The key (kind, period, department), period first: a run looks up the periods it found due.
    unique (period, kind, department)
);
-- What the retry looks for: claimed and not sent, the longest untried first.
create index reminder_unsent on reminder ((coalesce(last_attempt_at, claimed_at))) where sent_at is null;
