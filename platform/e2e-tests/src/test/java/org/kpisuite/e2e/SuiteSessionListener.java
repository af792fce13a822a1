package org.kpisuite.e2e;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Stops the shared suite when the test run ends, inside the run rather than in a JVM shutdown hook. */
public class SuiteSessionListener implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        SuiteUnderTest.stopShared();
    }
}
