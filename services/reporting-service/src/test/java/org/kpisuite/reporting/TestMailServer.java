package org.kpisuite.reporting;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * A real SMTP server (GreenMail, on a free port) for reporting's tests, that the reminders are mailed to. Global to the
 * module ({@link TestResourceScope#GLOBAL}): every {@code @QuarkusTest} here gets it beside {@code SuiteInfrastructure},
 * so they all keep sharing one Quarkus start, and a reminder any test's data triggers lands here rather than failing.
 * A test reads what arrived from a {@link GreenMail} field marked {@link InjectMailServer}.
 */
@WithTestResource(value = TestMailServer.class, scope = TestResourceScope.GLOBAL)
public class TestMailServer implements QuarkusTestResourceLifecycleManager {

    /** Marks the test's field that receives the running server. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectMailServer {
    }

    private GreenMail server;

    @Override
    public Map<String, String> start() {
        server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.start();
        return Map.of("quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(server.getSmtp().getPort()));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectMailServer.class, GreenMail.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
