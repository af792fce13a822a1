-- The BI export (GET /api/v1/exports/facts) reads, for an updatedSince or a cursor, only the keys that have a
-- revision recorded at or after that instant: an incremental pull reads the recent revisions, not the table.
create index measurement_revision_by_recorded_at on measurement_revision (recorded_at);
