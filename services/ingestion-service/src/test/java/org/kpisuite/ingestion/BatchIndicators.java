package org.kpisuite.ingestion;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.Breakdown;
import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.events.IndicatorEvent.Target;

/** Indicators with random codes for the batch tests, known to ingestion before a test starts. */
final class BatchIndicators {

    static final String DEPARTMENT = "digital-talent";

    private BatchIndicators() {
    }


    /** A SUM indicator from FY2015, optionally with a breakdown; its first value is 2015-04 (breakdown b0). */
    static void publish(String code, List<String> breakdownValues) {
        Breakdown breakdown = breakdownValues.isEmpty() ? null : new Breakdown("site", "拠点", "site", breakdownValues);
        var indicator = new IndicatorEvent(code, "指標", "indicator", "accesses", DEPARTMENT, UUID.randomUUID(), false,
                false, Aggregation.SUM, List.of(), breakdown, false, 2015, null,
                List.of(new Target(2024, Comparator.AT_LEAST, new BigDecimal("100"))), false, 1, Instant.now());
        KnownIndicator.publish(indicator,
                row(code, breakdown == null ? null : breakdownValues.get(0), "2015-04", "1", null));
    }

    /** One row as JSON. */
    static String row(String code, String breakdown, String month, String value, String reason) {
        return """
                {"indicatorCode":"%s","breakdown":%s,"department":"%s","month":"%s","value":%s,"reason":%s}"""
                .formatted(code, breakdown == null ? null : "\"" + breakdown + "\"", DEPARTMENT, month, value,
                        reason == null ? null : "\"" + reason + "\"");
    }

    static String batch(String mode, boolean dryRun, List<String> rows) {
        return "{\"mode\":\"" + mode + "\",\"dryRun\":" + dryRun + ",\"rows\":[" + String.join(",", rows) + "]}";
    }
}
