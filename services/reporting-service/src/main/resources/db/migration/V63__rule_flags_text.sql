-- Ingestion keeps a value's flags as text: a value that broke many rules with long names must not be refused here,
-- where refusing it would stop the consumer at that event. From varchar to text PostgreSQL rewrites nothing.
alter table measurement_revision alter column rule_flags type text;
