package org.kpisuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TestIndicators;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The flat progress export, paged by indicatorCode, and the 400 problems of both exports. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class ExportProgressAndProblemsTest {

    @Test
    void theProgressListIsFlatAndPagesByIndicatorCodeWithThePinnedAsOf() throws Exception {
        String prefix = Codes.unique("prog");
        String first = prefix + "-a";
        String second = prefix + "-b";
        publishIndicator(second, "100");
        publishIndicator(first, "300");
        publishValue(first, "2024-05", "360");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var items = page(Map.of("fiscalYear", "2024", "asOf", "2025-05-31", "limit", "10000")).getList("items",
                    Map.class);
            return items.stream().anyMatch(i -> second.equals(i.get("indicatorCode")))
                    && items.stream().anyMatch(i -> first.equals(i.get("indicatorCode")) && "ACHIEVED".equals(i.get("status")));
        });
        JsonPath all = page(Map.of("fiscalYear", "2024", "asOf", "2025-05-31", "limit", "10000"));
        List<String> codes = all.getList("items.indicatorCode", String.class);
        assertThat(codes).isSorted().doesNotHaveDuplicates();
        Map<String, Object> row = all.getMap("items.find { it.indicatorCode == '" + first + "' }");
        assertThat(row).containsEntry("indicatorNameJa", "「マナビＤＸ」へのアクセス数").containsEntry("actual", 360)
                .containsEntry("grade", "A").containsEntry("conditionsMet", true).containsEntry("conditions", "")
                .containsEntry("asOf", "2025-05-31").containsEntry("lastReportedMonth", "2024-05");
        assertThat(row.values()).noneMatch(v -> v instanceof Map || v instanceof List);

        // Paging with limit 2 and no asOf: every indicator once, and the next links pin the first page's asOf.
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("fiscalYear", 2024).queryParam("limit", 2);
            var response = (cursor == null ? request : request.queryParam("cursor", cursor))
                    .get("/api/v1/exports/progress").then().statusCode(200).extract().response();
            seen.addAll(response.jsonPath().getList("items.indicatorCode", String.class));
            cursor = response.jsonPath().getString("nextCursor");
            if (cursor != null) {
                assertThat(response.header("Link")).contains("asOf=").contains("cursor=" + cursor);
            }
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates().contains(first, second).isSorted();
    }

    @Test
    void aValueThatBrokeManyFlagRulesIsStoredAndExportedWithEveryName() throws Exception {
        String code = Codes.unique("flags");
        publishIndicator(code, "300000");
        // 30 rules of 50-character names: longer together than any fixed column width the read model might keep.
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            names.add("rule-%02d-".formatted(i) + "x".repeat(42));
        }
        SuiteEvents.measurement(new MeasurementEvent(UUID.randomUUID(), code, null, null, "digital-talent", "2024-05",
                new BigDecimal("7"), 1, null, null, "test", Instant.parse("2024-06-07T01:00:00Z"),
                names.stream().map(n -> MeasurementEvent.FLAG_RULE_PREFIX + n).toList()));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("indicatorCode", code)
                .get("/api/v1/exports/facts").then().extract().jsonPath().getList("items").size() == 1);
        given().queryParam("indicatorCode", code).get("/api/v1/exports/facts").then().statusCode(200)
                .body("items[0].ruleFlags", equalTo(String.join(",", names)));
    }

    @Test
    void aMalformedQualityValueIsAProblemNamingItsHeader() {
        given().header("Accept-Encoding", "gzip;q=garbage").get("/api/v1/exports/facts").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("Accept-Encoding"));
        given().header("Accept-Language", "ja;q=2").get("/api/v1/evaluations/2024").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("Accept-Language"));
    }

    @Test
    void anAcceptThatRefusesJsonAndCsvIsA406NamingItAndACharsetDoesNotStopCsv() {
        String nothing = Codes.unique("none");
        for (String refusing : List.of("text/csv;q=0, application/json;q=0", "*/*;q=0", "text/*;q=0, application/*;q=0")) {
            given().header("Accept", refusing).queryParam("indicatorCode", nothing).get("/api/v1/exports/facts").then()
                    .statusCode(406).contentType("application/problem+json").body("status", equalTo(406))
                    .body("violations[0].field", equalTo("Accept"));
        }
        given().header("Accept", "*/*;q=0").queryParam("fiscalYear", 2024).get("/api/v1/exports/progress").then()
                .statusCode(406).body("violations[0].field", equalTo("Accept"));
        // The format parameter still wins over Accept.
        given().header("Accept", "*/*;q=0").queryParam("indicatorCode", nothing).queryParam("format", "csv")
                .get("/api/v1/exports/facts").then().statusCode(200).contentType(startsWith("text/csv"));
        // A charset in Accept still selects the CSV, which says it is UTF-8.
        given().header("Accept", "text/csv;charset=shift_jis").queryParam("indicatorCode", nothing)
                .get("/api/v1/exports/facts").then().statusCode(200)
                .header("Content-Type", startsWith("text/csv; charset=UTF-8"));
        given().header("Accept", "application/json;q=0.5, text/csv;charset=utf-8").queryParam("indicatorCode", nothing)
                .get("/api/v1/exports/facts").then().statusCode(200).contentType(startsWith("text/csv"));
        // The most specific range decides: text/csv refused, everything else welcome.
        given().header("Accept", "text/csv;q=0, */*").queryParam("indicatorCode", nothing)
                .get("/api/v1/exports/facts").then().statusCode(200).contentType(startsWith("application/json"));
        given().header("Accept", "text/*").queryParam("indicatorCode", nothing)
                .get("/api/v1/exports/facts").then().statusCode(200).contentType(startsWith("text/csv"));
        given().queryParam("indicatorCode", nothing).get("/api/v1/exports/facts").then().statusCode(200)
                .contentType(startsWith("application/json"));
    }

    @Test
    void malformedParametersAreProblemsNamingTheParameter() {
        String progressCursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("[\"progress\",\"manabi-dx-accesses\"]".getBytes(StandardCharsets.UTF_8));
        assertProblem("/api/v1/exports/facts", Map.of("cursor", "not a cursor!"), "cursor");
        assertProblem("/api/v1/exports/facts", Map.of("cursor", "bm90IGpzb24"), "cursor");
        assertProblem("/api/v1/exports/facts", Map.of("cursor", progressCursor), "cursor");
        assertProblem("/api/v1/exports/facts", Map.of("updatedSince", "2024-05-01"), "updatedSince");
        assertProblem("/api/v1/exports/facts", Map.of("updatedSince", "yesterday"), "updatedSince");
        assertProblem("/api/v1/exports/facts", Map.of("limit", "0"), "limit");
        assertProblem("/api/v1/exports/facts", Map.of("limit", "10001"), "limit");
        assertProblem("/api/v1/exports/facts", Map.of("limit", "ten"), "limit");
        assertProblem("/api/v1/exports/facts", Map.of("format", "xlsx"), "format");
        assertProblem("/api/v1/exports/facts", Map.of("format", "csv", "bom", "yes"), "bom");
        assertProblem("/api/v1/exports/facts", Map.of("fiscalYear", "FY2024"), "fiscalYear");

        assertProblem("/api/v1/exports/progress", Map.of(), "fiscalYear");
        assertProblem("/api/v1/exports/progress", Map.of("fiscalYear", "2024", "asOf", "30/09/2024"), "asOf");
        assertProblem("/api/v1/exports/progress", Map.of("fiscalYear", "2024", "limit", "-1"), "limit");
        assertProblem("/api/v1/exports/progress", Map.of("fiscalYear", "2024", "cursor", "%%%"), "cursor");
        assertProblem("/api/v1/exports/progress", Map.of("fiscalYear", "2024", "format", "xml"), "format");

        // A CSV client gets the problem as problem+json all the same.
        given().accept("text/csv").queryParam("limit", "0").get("/api/v1/exports/facts").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("limit"));
        // A facts cursor is no progress cursor, and the other way round.
        String factsCursor = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "[\"facts\",\"2024-06-07T01:00:00Z\",\"zzz\",\"\",\"\",\"digital-talent\",\"2024-05\"]"
                        .getBytes(StandardCharsets.UTF_8));
        given().queryParam("cursor", factsCursor).get("/api/v1/exports/facts").then().statusCode(200);
        assertProblem("/api/v1/exports/progress", Map.of("fiscalYear", "2024", "cursor", factsCursor), "cursor");
    }

    private static void assertProblem(String path, Map<String, String> params, String field) {
        given().queryParams(params).get(path).then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations[0].field", equalTo(field));
    }

    private static JsonPath page(Map<String, String> params) {
        return given().queryParams(params).get("/api/v1/exports/progress").then().statusCode(200).extract().jsonPath();
    }

    private void publishIndicator(String code, String target) throws Exception {
        SuiteEvents.indicator(TestIndicators.manabi(code, false, target));
    }

    private void publishValue(String code, String month, String value) throws Exception {
        SuiteEvents.measurement(new MeasurementEvent(UUID.randomUUID(), code,
                null, null, "digital-talent", month, new BigDecimal(value), 1, null, null, "test",
                Instant.parse("2024-06-07T01:00:00Z")));
    }

}
