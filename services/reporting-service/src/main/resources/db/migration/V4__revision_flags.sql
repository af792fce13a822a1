-- Ingestion flags a value far from the indicator's own history (OUTLIER, in the event); reviewers see it in the
-- fact export. Events published before flags existed read as not flagged.
alter table measurement_revision add column outlier boolean not null default false;
