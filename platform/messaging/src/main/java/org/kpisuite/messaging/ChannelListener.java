package org.kpisuite.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * A thread that LISTENs to one PostgreSQL NOTIFY channel on a dedicated pooled connection, so that a commit on any
 * replica reaches every replica within moments. A broken connection (database restart, terminated backend) is
 * reported and replaced after a pause; what was committed meanwhile is caught up by {@code listening}, which runs
 * each time the LISTEN is (again) in place.
 */
public final class ChannelListener {

    private static final Logger LOG = Logger.getLogger(ChannelListener.class);

    /** What the owner does on each event of the listener, all on the listener's thread. */
    public interface Handler {
        /** The LISTEN is in place: whatever was committed before it has to be looked up once. */
        void listening();

        /** One or more notifications arrived. */
        void notified();

        /** The connection is lost: notifications are missed until {@link #listening()} runs again. */
        void lost();
    }

    private final DataSource dataSource;
    private final String channel;
    private final Duration check;
    private final Duration retryBackoff;
    private final Handler handler;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param check how long a wait for notifications lasts before the connection is checked
     * @param retryBackoff the pause before a lost connection is replaced
     */
    public ChannelListener(DataSource dataSource, String channel, Duration check, Duration retryBackoff,
            Handler handler) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.check = check;
        this.retryBackoff = retryBackoff;
        this.handler = handler;
    }

    /** Starts the thread; its name is also the connection's {@code application_name}, as operators see it. */
    public void start(String threadName) {
        running = true;
        thread = new Thread(this::listen, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set application_name = '" + Thread.currentThread().getName() + "'");
                    statement.execute("listen " + channel);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                try {
                    handler.listening();
                    while (running) {
                        var notifications = pg.getNotifications((int) check.toMillis());
                        if (notifications != null && notifications.length > 0) {
                            handler.notified();
                        } else if (!connection.isValid(1)) {
                            throw new SQLException("listener connection lost");
                        }
                    }
                } finally {
                    unlisten(connection);
                }
            } catch (SQLException | RuntimeException e) {
                handler.lost();
                if (!running) {
                    return;
                }
                LOG.warnf("listener of %s: %s; listening again in %s", channel, rootMessage(e), retryBackoff);
                try {
                    Thread.sleep(retryBackoff.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** The connection goes back to the pool: it must not go on collecting notifications for its next user. */
    private static void unlisten(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("unlisten *");
            statement.execute("reset application_name");
        } catch (SQLException e) {
            LOG.debugf("unlisten: %s", e.getMessage()); // a broken connection, which the pool discards
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
