-- The history's secondary indexes that a running rebuild has dropped, as the server defined them (pg_get_indexdef):
-- the rebuild's last transaction builds each again from here and empties the table. So the code keeps no copy of
-- what the migrations made, and a replica that takes a rebuild over finds them too.
create table rebuild_dropped_index (
    name text primary key,
    definition text not null
);
