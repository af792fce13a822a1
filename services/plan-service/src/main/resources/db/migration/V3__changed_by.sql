-- Who changed a plan or plan item last: the subject of the caller's token. Rows written before tokens keep null.
alter table plan add column changed_by varchar(255);
alter table plan_item add column changed_by varchar(255);
