package org.kpisuite.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.kpisuite.devstack.LocalSuite;
import org.kpisuite.devstack.ServiceProcess;
import org.kpisuite.devstack.SuiteServices;
import org.kpisuite.devstack.SuiteServices.ServiceSpec;
import org.kpisuite.testing.KafkaBroker;
import org.kpisuite.testing.LocalTokens;
import org.kpisuite.testing.PostgresServer;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * The four packaged services as separate processes on free ports, with a real Kafka broker and a real
 * PostgreSQL (one database per service), the way they run in production: a {@link LocalSuite} shared by all
 * end-to-end test classes.
 */
final class SuiteUnderTest implements AutoCloseable {

    final KafkaBroker kafka;
    final PostgresServer postgres;
    /** The key pair whose tokens the services accept, as make run's under .data/keys/. */
    final LocalTokens tokens;
    private final LocalSuite suite;

    private SuiteUnderTest(LocalSuite suite) {
        this.suite = suite;
        this.kafka = suite.kafka();
        this.postgres = suite.postgres();
        this.tokens = suite.tokens();
    }

    private static SuiteUnderTest shared;

    /** The SMTP server reporting mails its reminders to (GreenMail), started with the suite. */
    private static GreenMail mail;

    /**
     * One suite for all end-to-end test classes: starting four services costs tens of seconds. Reporting mails to
     * {@link #mail()} and looks for reminders every two seconds; a value waits "too long" for approval after two.
     */
    static synchronized SuiteUnderTest shared() throws IOException {
        if (shared == null) {
            Path root = Path.of(System.getProperty("kpi.project.root", "../..")).toAbsolutePath().normalize();
            mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            mail.start();
            Map<String, String> reporting = Map.of("quarkus.mailer.mock", "false", "quarkus.mailer.host", "127.0.0.1",
                    "quarkus.mailer.port", Integer.toString(mail.getSmtp().getPort()),
                    "kpi.reporting.reminders.every", "2s", "kpi.reporting.reminders.approval-wait", "2s");
            shared = new SuiteUnderTest(LocalSuite.start(root, root.resolve("platform/e2e-tests/target/service-logs"),
                    ServiceProcess.DEFAULT_JVM_OPTIONS, Map.of(), Map.of(SuiteServices.REPORTING.name(), reporting)));
        }
        return shared;
    }

    /** What reached the suite's SMTP server. */
    static GreenMail mail() {
        return mail;
    }

    static synchronized void stopShared() {
        if (shared != null) {
            shared.close();
            shared = null;
            mail.stop();
        }
    }

    ServiceProcess service(ServiceSpec spec) {
        return suite.service(spec);
    }

    /** One more replica of the service, stopped with the suite (or earlier by the caller). */
    ServiceProcess startReplica(ServiceSpec spec, String name) throws IOException {
        return suite.startReplica(spec, name);
    }

    Path root() {
        return suite.root();
    }

    String url(ServiceSpec spec) {
        return suite.url(spec);
    }

    /** The root whose .data/keys/ holds this suite's key pair (make token's code can be run against it). */
    Path keysRoot() {
        return tokens.publicKeyFile().getParent().getParent().getParent();
    }

    /** A valid token of one role (LocalTokens.ADMIN, VIEWER, BI; a submitter through {@link #submitterToken}). */
    String token(String role) {
        return tokens.mint("e2e-" + role, role, null, Duration.ofHours(2));
    }

    String submitterToken(String department) {
        return tokens.mint("e2e-submitter-" + department, LocalTokens.SUBMITTER, department, Duration.ofHours(2));
    }

    /** A request to the service as the given role. */
    RequestSpecification as(String role, ServiceSpec spec) {
        return with(token(role), spec);
    }

    /** A request to the service as a submitter of the department. */
    RequestSpecification submitter(String department, ServiceSpec spec) {
        return with(submitterToken(department), spec);
    }

    /** A request to the service with this token (null: none). */
    RequestSpecification with(String token, ServiceSpec spec) {
        RequestSpecification request = RestAssured.given().baseUri(url(spec));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    @Override
    public void close() {
        suite.close();
    }
}
