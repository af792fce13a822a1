package org.kpisuite.testing;

import java.util.UUID;

/** Codes no other test uses: each test makes its own data, so that tests need no order and share the database. */
public final class Codes {

    private Codes() {
    }

    /** The prefix, a dash and eight random hex digits, e.g. {@code oas-3f2a9c1e}: a valid indicator code. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
