-- The history's secondary indexes that a running rebuild has dropped, as the server defined them (pg_get_indexdef):
-- the rebuild's last transaction builds each again from here and empties the table. So the code keeps no copy of
-- what the migrations made, and a replica that takes a rebuild over finds them too.
create table rebuild_dropped_index (
    name text primary key,
    definition text not null
);

-- A rebuild started by a replica of the version before this one (during a rolling upgrade) dropped the indexes of
-- migrations V1 and V3 without recording them: recorded here, a replica of this version that takes it over or
-- finishes it builds them again.
insert into rebuild_dropped_index (name, definition)
select name, definition from (values
    ('measurement_revision_by_year',
     'CREATE INDEX measurement_revision_by_year ON measurement_revision USING btree (fiscal_year, indicator_code)'),
    ('measurement_revision_by_recorded_at',
     'CREATE INDEX measurement_revision_by_recorded_at ON measurement_revision USING btree (recorded_at)')
) as made_by_migrations (name, definition)
where to_regclass(name) is null;
