-- The fiscal year of the item's plan, as its events carry it: a fiscal year's budget belongs to that year's plan.
-- Rows kept before this migration read null (not checked) until their item changes: a replayed event of the same
-- version changes nothing.
alter table plan_item_replica add column fiscal_year integer;
