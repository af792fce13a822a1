package org.kpisuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TestIndicators;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** CSV for Excel and scripts (RFC 4180, BOM on demand), and ETag / If-None-Match on both exports. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class ExportCsvAndETagTest {

    private static final String NAME_JA = "アクセス数, 速報値「暫定」\"参考\"";
    private static final String HEADER = "indicatorCode,indicatorNameJa,indicatorNameEn,unit,department,fiscalYear,month,"
            + "component,breakdown,value,revision,recordedAt,updatedAt,outlier,period,ruleFlags,approval";

    private String code;

    @BeforeEach
    void indicatorWithAValue() throws Exception {
        code = Codes.unique("csv");
        SuiteEvents.indicator(TestIndicators.sum(code, NAME_JA, "Accesses, preliminary", "accesses",
                "digital-talent", false, "1000"));
        // Indicators and values come on different topics: names show once the indicator has been consumed.
        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("fiscalYear", 2024)
                .get("/api/v1/progress/{code}", code).statusCode() == 200);
        value("2024-05", "1234.5", Instant.parse("2024-06-07T01:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("indicatorCode", code)
                .get("/api/v1/exports/facts").then().extract().jsonPath().getList("items").size() == 1);
    }

    @Test
    void csvHasTheHeaderQuotesAJapaneseNameWithACommaAndABomOnlyWhenAsked() {
        byte[] plain = facts("csv", null).then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asByteArray();
        assertThat(Arrays.copyOf(plain, 3)).isNotEqualTo(bom());
        String csv = new String(plain, StandardCharsets.UTF_8);
        assertThat(csv.split("\r\n", -1)).containsExactly(HEADER,
                code + ",\"アクセス数, 速報値「暫定」\"\"参考\"\"\",\"Accesses, preliminary\",accesses,digital-talent,2024,"
                        + "2024-05,,,1234.5,1,2024-06-07T01:00:00Z,2024-06-07T01:00:00Z,false,2024-05,,PROVISIONAL",
                "");

        byte[] withBom = facts("csv", "true").then().statusCode(200).extract().asByteArray();
        assertThat(Arrays.copyOf(withBom, 3)).isEqualTo(bom());
        assertThat(Arrays.copyOfRange(withBom, 3, withBom.length)).isEqualTo(plain);
        assertThat(facts("csv", "false").then().extract().asByteArray()).isEqualTo(plain);

        // Accept: text/csv without a format parameter, as Power BI or curl may send it.
        byte[] accepted = given().accept("text/csv").queryParam("indicatorCode", code).get("/api/v1/exports/facts")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asByteArray();
        assertThat(accepted).isEqualTo(plain);
        // And the progress list, flat, in CSV: one line per indicator, the same Japanese name quoted.
        String progress = given().queryParam("fiscalYear", 2024).queryParam("asOf", "2025-05-31")
                .queryParam("format", "csv").get("/api/v1/exports/progress").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertThat(progress).startsWith("indicatorCode,indicatorNameJa,indicatorNameEn,unit,department,");
        assertThat(progress.lines().filter(l -> l.startsWith(code + ",")).toList()).singleElement().asString()
                .startsWith(code + ",\"アクセス数, 速報値「暫定」\"\"参考\"\"\",")
                .contains(",1000,1234.5,1.2345,").contains(",ACHIEVED,A,").endsWith(",true,,MONTHLY,2024-05,");
    }

    @Test
    void anUnchangedExportAnswers304AndAChangedOneANewETag() throws Exception {
        Response json = facts(null, null);
        String etag = json.header("ETag");
        assertThat(etag).matches("\"[A-Za-z0-9_-]{43}\"");
        assertThat(json.header("Cache-Control")).isEqualTo("no-cache");

        Response notModified = given().header("If-None-Match", etag).queryParam("indicatorCode", code)
                .get("/api/v1/exports/facts");
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.asByteArray()).isEmpty();
        assertThat(notModified.header("ETag")).isEqualTo(etag);
        // A list of tags and a weak comparison (If-None-Match compares weakly) match too.
        assertThat(given().header("If-None-Match", "\"other\", W/" + etag).queryParam("indicatorCode", code)
                .get("/api/v1/exports/facts").statusCode()).isEqualTo(304);

        // Each representation has its own tag: CSV, CSV with BOM.
        String csvTag = facts("csv", null).header("ETag");
        assertThat(csvTag).isNotEqualTo(etag).isNotEqualTo(facts("csv", "true").header("ETag"));
        assertThat(given().header("If-None-Match", csvTag).queryParam("indicatorCode", code).queryParam("format", "csv")
                .get("/api/v1/exports/facts").statusCode()).isEqualTo(304);
        assertThat(given().header("If-None-Match", etag).queryParam("indicatorCode", code).queryParam("format", "csv")
                .get("/api/v1/exports/facts").statusCode()).isEqualTo(200);

        // A new value changes the content: the old tag no longer matches.
        value("2024-06", "1", Instant.parse("2024-07-05T01:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().header("If-None-Match", etag)
                .queryParam("indicatorCode", code).get("/api/v1/exports/facts").statusCode() == 200);
        assertThat(facts(null, null).header("ETag")).isNotEqualTo(etag);

        // The progress export too.
        Response progress = given().queryParam("fiscalYear", 2024).queryParam("asOf", "2025-05-31")
                .get("/api/v1/exports/progress").then().statusCode(200).extract().response();
        String progressTag = progress.header("ETag");
        Response progress304 = given().header("If-None-Match", progressTag).queryParam("fiscalYear", 2024)
                .queryParam("asOf", "2025-05-31").get("/api/v1/exports/progress");
        assertThat(progress304.statusCode()).isEqualTo(304);
        assertThat(progress304.asByteArray()).isEmpty();
    }

    private Response facts(String format, String bom) {
        var request = given().queryParam("indicatorCode", code);
        if (format != null) {
            request.queryParam("format", format);
        }
        if (bom != null) {
            request.queryParam("bom", bom);
        }
        return request.get("/api/v1/exports/facts").then().statusCode(200).extract().response();
    }

    private static byte[] bom() {
        return new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
    }

    private void value(String month, String value, Instant recordedAt) throws Exception {
        SuiteEvents.measurement(new MeasurementEvent(UUID.randomUUID(), code, null,
                null, "digital-talent", month, new BigDecimal(value), 1, null, null, "test", recordedAt));
    }

}
