package org.kpisuite.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kpisuite.devstack.SuiteServices;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.LocalTokens;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.TopicReader;

import io.restassured.http.ContentType;

/**
 * One monthly value travels plan → indicator → ingestion → reporting through Kafka only, including while
 * reporting is down and when Kafka redelivers an event.
 */
class MonthlyValueFlowTest {

    private static SuiteUnderTest suite;
    private static String planItemId;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = SuiteUnderTest.shared();
        suite.as(LocalTokens.ADMIN, SuiteServices.PLAN).contentType(ContentType.JSON)
                .body("{\"code\":\"E2E-FLOW\",\"agency\":\"IPA\",\"fiscalYear\":2024,\"nameJa\":\"試験計画\"}")
                .post("/api/v1/plans").then().statusCode(201);
        planItemId = suite.as(LocalTokens.ADMIN, SuiteServices.PLAN).contentType(ContentType.JSON)
                .body("""
                        {"planCode":"E2E-FLOW","code":"I.2","nameJa":"ＤＸを担うデジタル人材の育成推進",
                         "nameEn":"Developing digital talent for DX","sortOrder":2}
                        """)
                .post("/api/v1/plan-items").then().statusCode(201).extract().path("id");
    }

    @Test
    void postedValueAppearsInProgress() {
        String code = defineIndicator("300000");
        submit(code, "2024-04", "25000");
        awaitProgress(code, 25000);
        suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).queryParam("fiscalYear", 2024)
                .get("/api/v1/progress").then().statusCode(200)
                .body("find { it.indicatorCode == '%s' }.target".formatted(code), equalTo(300000))
                .body("find { it.indicatorCode == '%s' }.achievementRate".formatted(code), equalTo(0.0833f))
                .body("find { it.indicatorCode == '%s' }.status".formatted(code), equalTo("OFF_TRACK"));
    }

    @Test
    void valuePostedWhileReportingIsDownAppearsOnceItIsBack() {
        String code = defineIndicator("1000");
        submit(code, "2024-04", "400");
        awaitProgress(code, 400);

        var reporting = suite.service(SuiteServices.REPORTING);
        reporting.stop();
        submit(code, "2024-05", "700");
        reporting.restart().awaitReady(Duration.ofMinutes(2));

        awaitProgress(code, 1100);
        suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).queryParam("fiscalYear", 2024)
                .get("/api/v1/progress/{code}", code).then()
                .body("status", equalTo("ACHIEVED"))
                .body("grade", equalTo("B"));
    }

    @Test
    void redeliveredEventIsNotCountedTwice() {
        String code = defineIndicator("500");
        String id = submit(code, "2024-06", "120");
        awaitProgress(code, 120);

        // Kafka delivers at least once: send the very same CloudEvent again, as a producer retry would.
        var record = TopicReader.awaitRecord(suite.kafka.bootstrapServers(), Topics.MEASUREMENTS,
                r -> r.value().contains(id), Duration.ofSeconds(30));
        Map<String, String> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        TopicReader.send(suite.kafka.bootstrapServers(), Topics.MEASUREMENTS, record.key(), record.value(), headers);

        // A later value on the same key (same partition) shows only after the duplicate has been consumed.
        submit(code, "2024-07", "1");
        awaitProgress(code, 121);
    }

    private static String defineIndicator(String target) {
        String code = Codes.unique("e2e");
        String body = """
                {"code":"%s","nameJa":"「マナビＤＸ」へのアクセス数","nameEn":"Manabi DX accesses","unit":"accesses",
                 "department":"digital-talent","planItemId":"%s","coreTarget":true,"aggregation":"SUM",
                 "targets":[{"fiscalYear":2024,"comparator":"AT_LEAST","value":%s}]}
                """.formatted(code, planItemId, target);
        // indicator-service learns of the plan item from Kafka, so the first attempts may not find it yet.
        await().atMost(Duration.ofSeconds(60)).until(() -> suite.as(LocalTokens.ADMIN, SuiteServices.INDICATOR)
                .contentType(ContentType.JSON).body(body).post("/api/v1/indicators").statusCode() == 201);
        return code;
    }

    /** As a submitter of digital-talent: its token names the department, the body need not. */
    private static String submit(String code, String month, String value) {
        String body = """
                {"indicatorCode":"%s","month":"%s","value":%s}
                """.formatted(code, month, value);
        String[] id = new String[1];
        // ingestion learns of the indicator from Kafka.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var response = suite.submitter("digital-talent", SuiteServices.INGESTION).contentType(ContentType.JSON)
                    .body(body).post("/api/v1/measurements");
            id[0] = response.statusCode() == 201 ? response.path("id") : null;
            return id[0] != null;
        });
        return id[0];
    }

    private static void awaitProgress(String code, int actual) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING)
                .queryParam("fiscalYear", 2024).get("/api/v1/progress/{code}", code).then()
                .statusCode(200)
                .body("actual", equalTo(actual)));
    }
}
