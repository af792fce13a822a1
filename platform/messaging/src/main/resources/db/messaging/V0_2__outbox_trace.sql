-- The W3C traceparent of the span that wrote the row, so that the relay (another thread, later) can carry the
-- trace across Kafka. Null where no trace was active.
alter table outbox_event add column trace_parent varchar(128);
