-- The small value objects of an indicator become jsonb, mapped by Hibernate's own JSON support with the
-- application's ObjectMapper (they were text written by a private converter). Every stored value is kept: the
-- text was JSON already, and PostgreSQL checks each one as it converts it.
alter table indicator
    alter column components drop default,
    alter column components type jsonb using components::jsonb,
    alter column components set default '[]'::jsonb,
    alter column breakdown type jsonb using breakdown::jsonb,
    alter column parts drop default,
    alter column parts type jsonb using parts::jsonb,
    alter column parts set default '[]'::jsonb,
    alter column rules drop default,
    alter column rules type jsonb using rules::jsonb,
    alter column rules set default '[]'::jsonb;

alter table indicator_target
    alter column conditions drop default,
    alter column conditions type jsonb using conditions::jsonb,
    alter column conditions set default '[]'::jsonb,
    alter column formula type jsonb using formula::jsonb;
