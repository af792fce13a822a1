package org.kpisuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kpisuite.devstack.ServiceProcess;
import org.kpisuite.devstack.SuiteServices;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.LocalTokens;
import org.kpisuite.testing.TopicReader;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Three reporting replicas against one broker and one database, as in production: every replica serves the same
 * truth after a plan item change that only one of them consumed, and a rebuild asked of any one of them replays
 * every partition, ends with the same progress everywhere and announces no status at all.
 */
class ReportingReplicasEndToEndTest {

    private static SuiteUnderTest suite;
    private static final List<ServiceProcess> extraReplicas = new ArrayList<>();
    private static String planCode;
    private static String chapterId;

    @BeforeAll
    static void startReplicas() throws Exception {
        suite = SuiteUnderTest.shared();
        for (int i = 2; i <= 3; i++) {
            extraReplicas.add(suite.startReplica(SuiteServices.REPORTING, "reporting-service-" + i));
        }
        extraReplicas.forEach(r -> r.awaitReady(Duration.ofMinutes(3)));
        planCode = "E2E-REPL-" + UUID.randomUUID().toString().substring(0, 6);
        suite.as(LocalTokens.ADMIN, SuiteServices.PLAN).contentType(ContentType.JSON)
                .body("{\"code\":\"%s\",\"agency\":\"IPA\",\"fiscalYear\":2024,\"nameJa\":\"複製試験\"}".formatted(planCode))
                .post("/api/v1/plans").then().statusCode(201);
        chapterId = suite.as(LocalTokens.ADMIN, SuiteServices.PLAN).contentType(ContentType.JSON)
                .body(chapter("国民に対して提供するサービス"))
                .post("/api/v1/plan-items").then().statusCode(201).extract().path("id");
    }

    @AfterAll
    static void stopReplicas() {
        extraReplicas.forEach(ServiceProcess::stop);
    }

    @Test
    void everyReplicaSeesAPlanItemChange() {
        String code = defineIndicators("repl-plan-" + UUID.randomUUID().toString().substring(0, 6) + "-", 1).get(0);
        submitYear(List.of(code));
        awaitOnEveryReplica(code, "国民に対して提供するサービス");

        // One replica consumes the one-partition plan-items topic; all of them must show the new name.
        suite.as(LocalTokens.ADMIN, SuiteServices.PLAN).contentType(ContentType.JSON)
                .body(chapter("国民に対して提供するサービスの質の向上")).put("/api/v1/plan-items/{id}", chapterId)
                .then().statusCode(200);
        awaitOnEveryReplica(code, "国民に対して提供するサービスの質の向上");
    }

    @Test
    void aRebuildOnAnyReplicaRebuildsEveryPartitionAndAnnouncesNothing() {
        String prefix = "repl-rb-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        List<String> codes = defineIndicators(prefix, 45);
        submitYear(codes);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            for (String url : replicaUrls()) {
                assertThat(progressOf(url, prefix)).hasSize(45)
                        .allSatisfy(p -> assertThat(p).contains("monthsReported=12"));
            }
        });
        List<String> before = progressOf(replicaUrls().get(0), prefix);
        int statusEvents = statusEvents(prefix);
        assertThat(statusEvents).as("one status per indicator so far").isGreaterThanOrEqualTo(45);

        String asked = replicaUrls().get(2);
        admin(asked).post("/api/v1/admin/rebuild").then().statusCode(202);
        await().atMost(Duration.ofMinutes(3)).until(() -> !admin(asked).get("/api/v1/admin/rebuild").then()
                .statusCode(200).extract().<Boolean>path("running"));

        for (String url : replicaUrls()) {
            assertThat(progressOf(url, prefix)).as("progress on " + url + " after the rebuild").isEqualTo(before);
        }
        assertThat(statusEvents(prefix)).as("status events after the rebuild").isEqualTo(statusEvents);
    }

    private static List<String> replicaUrls() {
        List<String> urls = new ArrayList<>(List.of(suite.url(SuiteServices.REPORTING)));
        extraReplicas.forEach(r -> urls.add(r.baseUrl()));
        return urls;
    }

    private static io.restassured.specification.RequestSpecification admin(String url) {
        return RestAssured.given().baseUri(url).header("Authorization", "Bearer " + suite.token(LocalTokens.ADMIN));
    }

    /** Today's FY2024 progress of the indicators with the prefix, as each entry's JSON, in list order. */
    private static List<String> progressOf(String url, String prefix) {
        JsonPath list = RestAssured.given().baseUri(url)
                .header("Authorization", "Bearer " + suite.token(LocalTokens.VIEWER)).queryParam("fiscalYear", 2024)
                .get("/api/v1/progress").then().statusCode(200).extract().jsonPath();
        List<String> entries = new ArrayList<>();
        List<String> codes = list.getList("indicatorCode");
        for (int i = 0; i < codes.size(); i++) {
            if (codes.get(i).startsWith(prefix)) {
                entries.add(list.getMap("[" + i + "]").toString());
            }
        }
        return entries;
    }

    private static void awaitOnEveryReplica(String code, String chapterName) {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            for (String url : replicaUrls()) {
                String name = RestAssured.given().baseUri(url)
                        .header("Authorization", "Bearer " + suite.token(LocalTokens.VIEWER)).queryParam("fiscalYear", 2024)
                        .get("/api/v1/progress/{code}", code).then().statusCode(200).extract().path("chapterNameJa");
                assertThat(name).as("chapter name on " + url).isEqualTo(chapterName);
            }
        });
    }

    private static int statusEvents(String prefix) {
        return TopicReader.readAll(suite.kafka.bootstrapServers(), Topics.INDICATOR_STATUS,
                r -> r.key() != null && r.key().startsWith(prefix), Duration.ofSeconds(5)).size();
    }

    private static String chapter(String nameJa) {
        return """
                {"planCode":"%s","code":"I","nameJa":"%s","sortOrder":1}
                """.formatted(planCode, nameJa);
    }

    private static List<String> defineIndicators(String prefix, int count) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String code = prefix + i;
            String body = """
                    {"code":"%s","nameJa":"連携した組織","nameEn":"Partner organisations","unit":"organisations",
                     "department":"digital-talent","planItemId":"%s","coreTarget":%s,"aggregation":"SUM",
                     "targets":[{"fiscalYear":2024,"comparator":"AT_LEAST","value":100}]}
                    """.formatted(code, chapterId, i % 4 == 0);
            await().atMost(Duration.ofSeconds(60)).until(() -> suite.as(LocalTokens.ADMIN, SuiteServices.INDICATOR)
                    .contentType(ContentType.JSON).body(body).post("/api/v1/indicators").statusCode() == 201);
            codes.add(code);
        }
        return codes;
    }

    /** Every month of FY2024 for each indicator, in one batch; some reach the target of 100, some do not. */
    private static void submitYear(List<String> codes) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < codes.size(); i++) {
            for (int m = 0; m < 12; m++) {
                if (rows.length() > 0) {
                    rows.append(',');
                }
                rows.append("{\"indicatorCode\":\"%s\",\"month\":\"%s\",\"value\":%d}".formatted(codes.get(i),
                        java.time.YearMonth.of(2024, 4).plusMonths(m), i % 3 == 0 ? 2 : 10));
            }
        }
        String body = "{\"rows\":[" + rows + "]}";
        // ingestion learns of the indicators from Kafka: until then the batch is refused whole.
        await().atMost(Duration.ofSeconds(60)).until(() -> suite.submitter("digital-talent", SuiteServices.INGESTION)
                .contentType(ContentType.JSON).body(body).post("/api/v1/measurements/batch").statusCode() == 200);
    }
}
