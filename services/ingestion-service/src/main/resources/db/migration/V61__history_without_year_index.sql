-- Nothing reads the history by (indicator, fiscal year) since the values in force moved to measurement_current
-- (V7); an indicator's revisions are found through measurement_revision_unique, which leads with the indicator too.
-- One index fewer to update for every revision written.
drop index measurement_by_year;
