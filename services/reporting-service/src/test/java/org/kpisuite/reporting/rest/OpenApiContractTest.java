package org.kpisuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.OpenApiContract;
import org.kpisuite.testing.OpenApiContractCheck;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TestIndicators;
import org.kpisuite.testing.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Real answers of every GET, rows with values and rows without, against the document served at /q/openapi. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class OpenApiContractTest extends OpenApiContractCheck {

    @Override
    protected void answers(OpenApiContract contract) throws Exception {
        // One indicator with a value, one without any: the second has nulls where the first has numbers.
        String prefix = Codes.unique("oas");
        String reported = prefix + "-a";
        SuiteEvents.indicator(indicator(reported));
        SuiteEvents.indicator(indicator(prefix + "-b"));
        SuiteEvents.measurement(new MeasurementEvent(UUID.randomUUID(),
                reported, null, null, "digital-talent", "2024-05", new BigDecimal("120"), 1, null, null, "test",
                Instant.parse("2024-06-07T01:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("fiscalYear", 2024)
                .queryParam("asOf", "2025-05-31").get("/api/v1/progress").jsonPath()
                .getList("findAll { it.indicatorCode.startsWith('" + prefix + "') && it.actual != null }").size() == 1);

        contract.get("/api/v1/progress", given().queryParam("fiscalYear", 2024));
        contract.get("/api/v1/progress", given().queryParam("fiscalYear", 2024).queryParam("asOf", "2025-05-31"));
        contract.get("/api/v1/progress/rollups", given().queryParam("fiscalYear", 2024));
        for (String code : List.of(reported, prefix + "-b")) {
            contract.get("/api/v1/progress/{indicatorCode}", given().pathParam("indicatorCode", code)
                    .queryParam("fiscalYear", 2024).queryParam("asOf", "2025-05-31"));
            contract.get("/api/v1/progress/{indicatorCode}/series", given().pathParam("indicatorCode", code)
                    .queryParam("fiscalYear", 2024).queryParam("asOf", "2024-09-30"));
        }
        contract.get("/api/v1/completeness", given().queryParam("fiscalYear", 2024).queryParam("asOf", "2025-05-31"));
        contract.get("/api/v1/exports/facts", given().queryParam("indicatorCode", reported));
        contract.get("/api/v1/exports/progress", given().queryParam("fiscalYear", 2024));
        contract.get("/api/v1/admin/rebuild", given());
        // Problems are answers too.
        contract.get("/api/v1/progress", given());
        contract.get("/api/v1/progress/{indicatorCode}", given().pathParam("indicatorCode", "no-such")
                .queryParam("fiscalYear", 2024));
        contract.get("/api/v1/progress", given().spec(Tokens.anonymous())
                .queryParam("fiscalYear", 2024));
    }

    private static IndicatorEvent indicator(String code) {
        return TestIndicators.manabi(code, false, "300");
    }

}
