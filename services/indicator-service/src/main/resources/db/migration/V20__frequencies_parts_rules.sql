-- How often an indicator is reported (its periods), the parts of a two-part target, the rules its values must
-- satisfy and which way is better. Every indicator defined before reports monthly and has none of the others.
alter table indicator
    add column frequency      varchar(16) not null default 'MONTHLY',
    add column parts          text        not null default '[]',
    add column rules          text        not null default '[]',
    add column good_direction varchar(8);
