package org.kpisuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TestIndicators;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Paging through the fact table with a small limit, and incremental pulls with updatedSince. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class ExportFactsPagingTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    private String code;

    @BeforeEach
    void indicator() throws Exception {
        code = Codes.unique("export");
        var indicator = TestIndicators.manabi(code, true, "300000");
        SuiteEvents.indicator(indicator);
        // Indicators and values come on different topics: names show once the indicator has been consumed.
        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("fiscalYear", 2024)
                .get("/api/v1/progress/{code}", code).statusCode() == 200);
    }

    @Test
    void pagingWithASmallLimitReturnsEveryRowExactlyOnce() throws Exception {
        Instant t = Instant.parse("2024-06-10T00:00:00Z");
        // Four rows share one recording time: the key breaks the tie, and no row is lost or repeated at a page edge.
        value("2024-04", "digital-talent", null, "1", 1, t);
        value("2024-04", "digital-talent", "domain-b", "2", 1, t);
        value("2024-04", "digital-talent", "domain-a", "3", 1, t);
        value("2024-05", "security", null, "4", 1, t);
        value("2024-05", "digital-talent", null, "5", 1, t.plusSeconds(3600));
        value("2025-01", "digital-talent", null, "6.5", 1, t.plusSeconds(7200));
        value("2025-04", "digital-talent", null, "7", 1, t.plusSeconds(60));
        JsonPath all = awaitRows(Map.of("indicatorCode", code), 7);
        List<String> expected = keys(all);

        List<String> seen = new ArrayList<>();
        String url = "/api/v1/exports/facts?limit=3&indicatorCode=" + code;
        int pages = 0;
        while (url != null) {
            Response page = given().get(url).then().statusCode(200).extract().response();
            JsonPath json = page.jsonPath();
            seen.addAll(keys(json));
            String link = page.header("Link");
            String nextCursor = json.getString("nextCursor");
            assertThat(page.header("X-Next-Cursor")).isEqualTo(nextCursor);
            if (nextCursor == null) {
                assertThat(link).isNull();
                url = null;
            } else {
                Matcher m = NEXT.matcher(link);
                assertThat(m.find()).as("Link %s", link).isTrue();
                url = m.group(1);
                assertThat(url).contains("cursor=" + nextCursor).contains("indicatorCode=" + code).contains("limit=3");
            }
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
        // Ordered by updatedAt, then the key.
        assertThat(all.getList("items.month", String.class))
                .containsExactly("2024-04", "2024-05", "2024-04", "2024-04", "2025-04", "2024-05", "2025-01");
        assertThat(all.getList("items.breakdown", String.class).subList(0, 4))
                .containsExactly(null, null, "domain-a", "domain-b");
        assertThat(all.getString("items[6].value")).isEqualTo("6.5");

        // The same walk with the cursor alone (a script that reads nextCursor): same rows.
        List<String> again = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("indicatorCode", code).queryParam("limit", 2);
            JsonPath json = (cursor == null ? request : request.queryParam("cursor", cursor))
                    .get("/api/v1/exports/facts").then().statusCode(200).extract().jsonPath();
            again.addAll(keys(json));
            cursor = json.getString("nextCursor");
        } while (cursor != null);
        assertThat(again).containsExactlyElementsOf(expected);

        given().queryParam("indicatorCode", code).queryParam("fiscalYear", 2025).get("/api/v1/exports/facts").then()
                .statusCode(200).body("items", hasSize(1)).body("items[0].month", equalTo("2025-04"))
                .body("items[0].fiscalYear", equalTo(2025)).body("nextCursor", equalTo(null));
    }

    @Test
    void updatedSinceReturnsOnlyLaterRevisionsAndACorrectionAsTheUpdatedRow() throws Exception {
        Instant april = Instant.parse("2024-05-08T01:00:00Z");
        Instant may = Instant.parse("2024-06-07T01:00:00Z");
        value("2024-04", "digital-talent", null, "100000", 1, april);
        value("2024-05", "digital-talent", null, "50000", 1, may);
        awaitRows(Map.of("indicatorCode", code), 2);

        JsonPath sinceJune = facts(Map.of("indicatorCode", code, "updatedSince", "2024-06-01T00:00:00Z"));
        assertThat(sinceJune.getList("items.month")).containsExactly("2024-05");
        // Strictly after: a row recorded at exactly updatedSince was already seen.
        assertThat(facts(Map.of("indicatorCode", code, "updatedSince", april.toString())).getList("items.month"))
                .containsExactly("2024-05");

        Instant correction = Instant.parse("2024-07-01T03:00:00Z");
        value("2024-04", "digital-talent", null, "110000", 2, correction);
        // The incremental pull after the last one: only the corrected row, as its new revision (+09:00 works too).
        JsonPath changed = awaitRows(Map.of("indicatorCode", code, "updatedSince", "2024-06-07T10:00:00+09:00"), 1);
        assertThat(changed.getString("items[0].month")).isEqualTo("2024-04");
        assertThat(changed.getInt("items[0].revision")).isEqualTo(2);
        assertThat(changed.getString("items[0].value")).isEqualTo("110000");
        assertThat(changed.getString("items[0].recordedAt")).isEqualTo(april.toString());
        assertThat(changed.getString("items[0].updatedAt")).isEqualTo(correction.toString());
        assertThat(changed.getString("items[0].indicatorNameJa")).isEqualTo("「マナビＤＸ」へのアクセス数");
        assertThat(changed.getString("items[0].unit")).isEqualTo("accesses");
        assertThat(changed.getString("items[0].component")).isNull();

        // The full table still has one row per key: the correction replaced the original, and moved last.
        JsonPath all = facts(Map.of("indicatorCode", code));
        assertThat(all.getList("items.month")).containsExactly("2024-05", "2024-04");
        assertThat(all.getList("items.revision")).containsExactly(1, 2);
        assertThat(facts(Map.of("indicatorCode", code, "updatedSince", correction.toString())).getList("items")).isEmpty();
    }

    @Test
    void aValueFlaggedOutlierByIngestionIsFlaggedInTheExport() throws Exception {
        Instant t = Instant.parse("2024-08-01T00:00:00Z");
        value("2024-06", "digital-talent", null, "100", 1, t);
        SuiteEvents.measurement(new MeasurementEvent(UUID.randomUUID(), code, null,
                null, "digital-talent", "2024-07", new BigDecimal("90000"), 1, null, null, "test", t.plusSeconds(60),
                List.of(MeasurementEvent.FLAG_OUTLIER)));
        JsonPath facts = awaitRows(Map.of("indicatorCode", code), 2);
        assertThat(facts.getBoolean("items.find { it.month == '2024-07' }.outlier")).isTrue();
        assertThat(facts.getBoolean("items.find { it.month == '2024-06' }.outlier")).isFalse();
    }

    private JsonPath awaitRows(Map<String, String> params, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> facts(params).getList("items").size() == count);
        return facts(params);
    }

    private JsonPath facts(Map<String, String> params) {
        return given().queryParams(params).get("/api/v1/exports/facts").then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
    }

    private static List<String> keys(JsonPath page) {
        List<Map<String, Object>> items = page.getList("items");
        return items.stream().map(i -> i.get("indicatorCode") + "|" + i.get("department") + "|" + i.get("month") + "|"
                + i.get("component") + "|" + i.get("breakdown")).toList();
    }

    private void value(String month, String department, String breakdown, String value, int revision, Instant recordedAt)
            throws Exception {
        SuiteEvents.measurement(new MeasurementEvent(UUID.randomUUID(), code, null,
                breakdown, department, month, new BigDecimal(value), revision, null, revision > 1 ? "recount" : null,
                "test", recordedAt));
    }

}
