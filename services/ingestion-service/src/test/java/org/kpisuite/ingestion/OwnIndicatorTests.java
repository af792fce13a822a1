package org.kpisuite.ingestion;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.kpisuite.testing.Codes;

/**
 * Tests that each get an indicator of their own ({@link BatchIndicators}: SUM from FY2015, of digital-talent),
 * published as indicator-service does and known to ingestion before the test starts; its code starts with the name
 * of the test class.
 */
abstract class OwnIndicatorTests {

    /** The code of this test's indicator. */
    protected String code;

    @BeforeEach
    void publishOwnIndicator() {
        code = Codes.unique(getClass().getSimpleName().replaceAll("Test$", "").toLowerCase(Locale.ROOT));
        BatchIndicators.publish(code, breakdownValues());
    }

    /** The values of the indicator's breakdown: none unless the test class needs one. */
    List<String> breakdownValues() {
        return List.of();
    }
}
