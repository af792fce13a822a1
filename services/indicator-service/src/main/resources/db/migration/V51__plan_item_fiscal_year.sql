-- The fiscal year of the item's plan, as its events carry it (null for an item last published before they did):
-- a fiscal year's budget belongs to that year's plan.
alter table plan_item_replica add column fiscal_year integer;
