package org.kpisuite.ingestion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** 10,000 rows in one JSON batch: all stored in one transaction, every revision published. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class BatchImportLargeTest {

    private static final Logger LOG = Logger.getLogger(BatchImportLargeTest.class);

    @Test
    void tenThousandRowsAreStoredAndPublished() throws Exception {
        String code = Codes.unique("bulk");
        List<String> sites = IntStream.range(0, 100).mapToObj(i -> "b" + i).toList();
        BatchIndicators.publish(code, sites);

        List<String> rows = new ArrayList<>(10_000);
        YearMonth first = YearMonth.of(2016, 4);
        for (int m = 0; m < 100; m++) {
            for (String site : sites) {
                rows.add(BatchIndicators.row(code, site, first.plusMonths(m).toString(),
                        String.valueOf(1000 + (m * 7 + site.hashCode()) % 50), null));
            }
        }
        long start = System.nanoTime();
        given().contentType(ContentType.JSON).body(BatchIndicators.batch("ATOMIC", false, rows))
                .post("/api/v1/measurements/batch").then().statusCode(200)
                .body("created", equalTo(10_000)).body("rejected", equalTo(0))
                .body("corrected", equalTo(0)).body("dryRun", equalTo(false));
        LOG.infof("10,000-row batch answered in %d ms", (System.nanoTime() - start) / 1_000_000);

        given().queryParam("indicatorCode", code).get("/api/v1/measurements").then().statusCode(200)
                .body("size()", equalTo(10_001));

        // The first value plus the 10,000 of the batch, all keyed by the indicator.
        AtomicInteger seen = new AtomicInteger();
        var last = SuiteEvents.awaitRecord(Topics.MEASUREMENTS,
                r -> code.equals(r.key()) && seen.incrementAndGet() == 10_001, Duration.ofSeconds(120));
        assertThat(last.value()).contains(first.plusMonths(99).toString());
    }
}
