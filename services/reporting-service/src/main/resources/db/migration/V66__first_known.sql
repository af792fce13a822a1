-- When reporting first knew an indicator or a plan item: the recording time (changedAt) of the first version it
-- received, kept through later versions and rebuilds (which update the rows in place). A review as recorded by an
-- instant leaves out what was defined after it, so it comes out the same when taken again.
alter table indicator_view add column first_known timestamptz;
alter table plan_item_view add column first_known timestamptz;

-- Rows already here: an indicator's first version's changedAt is its definition time; for a later version the time
-- of the first is lost (the topics are compacted), and an item's row keeps no time at all, so they stay null, read as
-- known before every review, as the reviews taken so far had them.
update indicator_view set first_known = (state ->> 'changedAt')::timestamptz
where version = 1 and state ->> 'changedAt' is not null;
