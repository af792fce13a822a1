-- One database per service (the names in each service's quarkus.datasource.jdbc.url), owned by the suite's user.
create database plan;
create database indicator;
create database ingestion;
create database reporting;
