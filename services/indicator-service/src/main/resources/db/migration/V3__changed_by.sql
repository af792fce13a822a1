-- Who made a change: the subject of the caller's token, on the indicator (last change) and on every version.
-- Rows written before tokens keep null.
alter table indicator add column changed_by varchar(255);
alter table indicator_version add column changed_by varchar(255);
