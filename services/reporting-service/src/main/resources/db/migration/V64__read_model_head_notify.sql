-- Every replica keeps the read model's head (plan generation, rebuild running, each kept year's day and version) in
-- memory, so that a read of today's progress does not ask the database; each change of it notifies this channel on
-- commit, whichever statement made it, and every replica reloads the head (ReadModelState).
create function notify_read_model_head() returns trigger language plpgsql as $$
begin
    perform pg_notify('kpi_read_model_head', '');
    return null;
end $$;

create trigger kept_year_changed after insert or update or delete or truncate on kept_year
    for each statement execute function notify_read_model_head();

-- Not on the rebuild's heartbeat and counters, which change every few seconds and are not part of the head.
create trigger read_model_head_changed after update on read_model_state
    for each row when (old.plan_generation is distinct from new.plan_generation
        or (old.rebuild_id is null) <> (new.rebuild_id is null))
    execute function notify_read_model_head();
