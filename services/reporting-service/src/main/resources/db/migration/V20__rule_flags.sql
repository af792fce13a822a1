-- The validation rules of an indicator that a value broke and that only flag it for review (RULE:<name> in its
-- event), comma-separated; reviewers find them in the facts export. Values recorded before rules have none.
alter table measurement_revision add column rule_flags varchar(1000) not null default '';
