package org.kpisuite.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL server (embedded binaries), either throw-away on a random port or persistent. */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    /** Commits wait for their WAL to reach the disk, as in production (PostgreSQL's own default). */
    public static final Map<String, String> DURABLE = Map.of("synchronous_commit", "on", "fsync", "on");

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * A fresh server in a temporary directory on a random port. zonky's defaults include
     * {@code synchronous_commit=off}: fast for tests, but a commit then returns before its WAL is flushed.
     */
    public static PostgresServer startTemporary() {
        return startTemporary(Map.of());
    }

    /** As {@link #startTemporary()}, with these server settings over zonky's (e.g. {@link #DURABLE}). */
    public static PostgresServer startTemporary(Map<String, String> serverConfig) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            serverConfig.forEach(builder::setServerConfig);
            return new PostgresServer(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start", e);
        }
    }

    /** A server whose data survives restarts, on a fixed port. */
    public static PostgresServer startPersistent(Path dataDirectory, int port) {
        try {
            return new PostgresServer(EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // The owner stops it, after the services that use it; zonky's hook would stop it first.
                    .setRegisterShutdownHook(false)
                    .start());
        } catch (IOException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start in " + dataDirectory, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** Creates the database unless it exists. */
    public void ensureDatabase(String database) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + database.replace("'", "") + "'");
            if (!rs.next()) {
                s.execute("create database \"" + database.replace("\"", "") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("embedded PostgreSQL did not stop", e);
        }
    }
}
