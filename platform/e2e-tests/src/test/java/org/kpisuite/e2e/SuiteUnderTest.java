package org.kpisuite.e2e;

import java.io.IOException;
import java.nio.file.Path;

import org.kpisuite.devstack.LocalSuite;
import org.kpisuite.devstack.ServiceProcess;
import org.kpisuite.devstack.SuiteServices.ServiceSpec;
import org.kpisuite.testing.KafkaBroker;
import org.kpisuite.testing.PostgresServer;

/**
 * The four packaged services as separate processes on free ports, with a real Kafka broker and a real
 * PostgreSQL (one database per service), the way they run in production: a {@link LocalSuite} shared by all
 * end-to-end test classes.
 */
final class SuiteUnderTest implements AutoCloseable {

    final KafkaBroker kafka;
    final PostgresServer postgres;
    private final LocalSuite suite;

    private SuiteUnderTest(LocalSuite suite) {
        this.suite = suite;
        this.kafka = suite.kafka();
        this.postgres = suite.postgres();
    }

    private static SuiteUnderTest shared;

    /** One suite for all end-to-end test classes: starting four services costs tens of seconds. */
    static synchronized SuiteUnderTest shared() throws IOException {
        if (shared == null) {
            Path root = Path.of(System.getProperty("kpi.project.root", "../..")).toAbsolutePath().normalize();
            shared = new SuiteUnderTest(LocalSuite.start(root, root.resolve("platform/e2e-tests/target/service-logs")));
        }
        return shared;
    }

    static synchronized void stopShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    ServiceProcess service(ServiceSpec spec) {
        return suite.service(spec);
    }

    Path root() {
        return suite.root();
    }

    String url(ServiceSpec spec) {
        return suite.url(spec);
    }

    @Override
    public void close() {
        suite.close();
    }
}
