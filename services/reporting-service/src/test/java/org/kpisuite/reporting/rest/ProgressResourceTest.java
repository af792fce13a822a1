package org.kpisuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.reporting.service.KeptProgress;
import org.kpisuite.reporting.service.ProgressRefresher;
import org.kpisuite.reporting.service.ReadModelState;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class ProgressResourceTest {

    private String code;

    @Inject
    ProgressListBody bodies;

    @Inject
    ReadModelState state;

    @Inject
    KeptProgress kept;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ProgressRefresher refresher;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void indicatorFromKafka() throws Exception {
        code = Codes.unique("manabi");
        SuiteEvents.publish(Topics.INDICATORS, code, IndicatorEvent.TYPE_DEFINED, indicator(1, "300000"));
        await().atMost(Duration.ofSeconds(30)).until(() -> progress().getInt("size()") >= 0
                && given().queryParam("fiscalYear", 2024).get("/api/v1/progress/{code}", code).statusCode() == 200);
    }

    @Test
    void valuesAddUpAndARedeliveredEventIsNotCountedTwice() throws Exception {
        var april = measurement("2024-04", "100000", 1, Instant.parse("2024-05-08T01:00:00Z"));
        String aprilEventId = UUID.randomUUID().toString();
        SuiteEvents.publish(Topics.MEASUREMENTS, code, MeasurementEvent.TYPE_RECORDED, april, aprilEventId);
        SuiteEvents.publish(Topics.MEASUREMENTS, code, MeasurementEvent.TYPE_RECORDED,
                measurement("2024-05", "50000", 1, Instant.parse("2024-06-07T01:00:00Z")));
        awaitActual("150000");

        // The same event again (a redelivery), then a new value: once the new one shows, the duplicate was consumed.
        SuiteEvents.publish(Topics.MEASUREMENTS, code, MeasurementEvent.TYPE_RECORDED, april, aprilEventId);
        SuiteEvents.publish(Topics.MEASUREMENTS, code, MeasurementEvent.TYPE_RECORDED,
                measurement("2024-06", "1", 1, Instant.parse("2024-07-05T01:00:00Z")));
        awaitActual("150001");

        given().queryParam("fiscalYear", 2024).queryParam("asOf", "2025-04-30")
                .get("/api/v1/progress/{code}", code).then().statusCode(200)
                .body("target", equalTo(300000))
                .body("status", equalTo("OFF_TRACK"))
                .body("monthsReported", equalTo(3));
    }

    @Test
    void aCorrectionReplacesTheValueButAnEarlierAsOfStillSeesTheOriginal() throws Exception {
        SuiteEvents.publish(Topics.MEASUREMENTS, code, MeasurementEvent.TYPE_RECORDED,
                measurement("2024-09", "120000", 1, Instant.parse("2024-09-30T05:00:00Z")));
        SuiteEvents.publish(Topics.MEASUREMENTS, code, MeasurementEvent.TYPE_RECORDED,
                measurement("2024-09", "150000", 2, Instant.parse("2024-10-03T05:00:00Z")));
        awaitActual("150000");

        // As known at the half-year review (September 30, Japan time) the first revision was in force.
        given().queryParam("fiscalYear", 2024).queryParam("asOf", "2024-09-30")
                .get("/api/v1/progress/{code}", code).then().statusCode(200)
                .body("actual", equalTo(120000))
                .body("expectedToDate", equalTo(150000))
                .body("achievementRate", equalTo(0.4f))
                .body("status", equalTo("OFF_TRACK"))
                .body("asOf", equalTo("2024-09-30"));
    }

    @Test
    void aChangedTargetShowsWithoutARestartAndAnOlderVersionDoesNotUndoIt() throws Exception {
        SuiteEvents.publish(Topics.MEASUREMENTS, code, MeasurementEvent.TYPE_RECORDED,
                measurement("2024-04", "200000", 1, Instant.parse("2024-05-08T01:00:00Z")));
        awaitActual("200000");
        SuiteEvents.publish(Topics.INDICATORS, code, IndicatorEvent.TYPE_CHANGED, indicator(3, "150000"));
        SuiteEvents.publish(Topics.INDICATORS, code, IndicatorEvent.TYPE_CHANGED, indicator(2, "999999"));
        // Version 3 shows, and stays while the older version 2 behind it on the same partition is consumed.
        Runnable changedTarget = () -> given().queryParam("fiscalYear", 2024).get("/api/v1/progress/{code}", code)
                .then().statusCode(200)
                .body("target", equalTo(150000))
                .body("status", equalTo("ACHIEVED"))
                .body("achievementRate", equalTo(1.3333f))
                .body("grade", equalTo("A"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(changedTarget::run);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(changedTarget::run);
    }

    @Test
    void aListBeingReadIsRebuiltForItsNextReadAsSoonAsNewValuesAreKept() throws Exception {
        String before = given().queryParam("fiscalYear", 2024).get("/api/v1/progress").then().statusCode(200)
                .extract().header("ETag");
        SuiteEvents.publish(Topics.MEASUREMENTS, code, MeasurementEvent.TYPE_RECORDED,
                measurement("2024-04", "4321", 1, Instant.parse("2024-05-08T01:00:00Z")));
        // No read meanwhile: the refresher's pass builds the list that the next read serves.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ProgressListBody.Body held = bodies.held(2024);
            assertThat(held).isNotNull();
            assertThat("\"" + held.etag() + "-gzip\"").isNotEqualTo(before); // REST Assured asks for gzip
            assertThat(JsonPath.from(new String(held.json(), StandardCharsets.UTF_8))
                    .<Integer>get("find { it.indicatorCode == '" + code + "' }.actual")).isEqualTo(4321);
        });
        ProgressListBody.Body held = bodies.held(2024);
        given().queryParam("fiscalYear", 2024).get("/api/v1/progress").then().statusCode(200)
                .header("ETag", equalTo("\"" + held.etag() + "-gzip\"")); // REST Assured asks for gzip
    }

    @Test
    void aListBeingReadIsPreparedAgainWhenAnotherReplicaKeepsANewVersion() throws Exception {
        int year = 2091; // a year no other test keeps
        String today = kept.today().toString();
        try {
            // Another replica's pass: it commits a new kept version, and only the database's notification tells this one.
            elsewhere("insert into kept_year (fiscal_year, as_of, version) values (" + year + ", '" + today
                    + "', 5) on conflict (fiscal_year) do update set as_of = excluded.as_of, version = 5");
            await().atMost(Duration.ofSeconds(10)).until(() -> state.knownHead(year) != null
                    && state.knownHead(year).keptVersion() == 5);
            given().queryParam("fiscalYear", year).get("/api/v1/progress").then().statusCode(200);
            assertThat(bodies.held(year).version()).isEqualTo(5);
            // This replica's own passes also prepare the lists: none may run meanwhile, or it would prove nothing.
            await().atMost(Duration.ofSeconds(30)).until(() -> pendingMarks() == 0 && !refresher.refreshing());
            double passes = passes();

            elsewhere("update kept_year set version = 6 where fiscal_year = " + year);
            // No read meanwhile: the list is prepared for the next one, not by it.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(bodies.held(year).version()).isEqualTo(6));
            assertThat(passes()).as("passes of this replica's refresher meanwhile").isEqualTo(passes);
        } finally {
            elsewhere("delete from kept_year where fiscal_year = " + year);
        }
    }

    private double passes() {
        var timer = registry.find("kpi.progress.refresh").timer();
        return timer == null ? 0 : timer.count();
    }

    private long pendingMarks() throws Exception {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
                var rs = statement.executeQuery("select count(*) from kept_pending")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void elsewhere(String sql) throws Exception {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    @Test
    void todaysListIsGzippedForAClientThatAsksForGzipAndPlainJsonOtherwise() throws Exception {
        // Raw bytes: REST Assured would otherwise ask for gzip itself and decode the answer out of sight.
        RestAssuredConfig raw = RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var plain = given().config(raw).queryParam("fiscalYear", 2024).get("/api/v1/progress").then()
                    .statusCode(200).header("Content-Encoding", nullValue())
                    .header("Vary", containsString("Accept-Encoding")).extract();
            var zipped = given().config(raw).header("Accept-Encoding", "br, gzip;q=0.8, deflate")
                    .queryParam("fiscalYear", 2024).get("/api/v1/progress").then().statusCode(200)
                    .header("Content-Encoding", "gzip").header("Vary", containsString("Accept-Encoding")).extract();
            // Two representations of one kept version: each its own ETag, the same JSON once decoded.
            assertThat(zipped.header("ETag")).isEqualTo(plain.header("ETag").replaceFirst("\"$", "-gzip\""));
            byte[] json = plain.asByteArray();
            assertThat(zipped.asByteArray().length).isLessThan(json.length);
            try (var in = new GZIPInputStream(new ByteArrayInputStream(zipped.asByteArray()))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo(new String(json, StandardCharsets.UTF_8)).contains(code);
            }
            given().config(raw).header("Accept-Encoding", "gzip").header("If-None-Match", zipped.header("ETag"))
                    .queryParam("fiscalYear", 2024).get("/api/v1/progress").then().statusCode(304)
                    .header("ETag", zipped.header("ETag")).header("Vary", containsString("Accept-Encoding"))
                    .header("Cache-Control", "no-cache").header("Content-Encoding", nullValue());
            // If-None-Match compares weakly: W/"…" names the same version.
            given().config(raw).header("If-None-Match", "\"other\", W/" + plain.header("ETag"))
                    .queryParam("fiscalYear", 2024).get("/api/v1/progress").then().statusCode(304)
                    .header("ETag", plain.header("ETag"));
            // HEAD: the headers of the GET, no body.
            given().config(raw).header("Accept-Encoding", "gzip").queryParam("fiscalYear", 2024)
                    .head("/api/v1/progress").then().statusCode(200).header("Content-Encoding", "gzip")
                    .header("ETag", zipped.header("ETag"));
            // The plain version's ETag does not name the gzipped one, and gzip;q=0 refuses gzip.
            given().config(raw).header("Accept-Encoding", "gzip").header("If-None-Match", plain.header("ETag"))
                    .queryParam("fiscalYear", 2024).get("/api/v1/progress").then().statusCode(200)
                    .header("Content-Encoding", "gzip");
            given().config(raw).header("Accept-Encoding", "gzip;q=0, deflate").queryParam("fiscalYear", 2024)
                    .get("/api/v1/progress").then().statusCode(200).header("Content-Encoding", nullValue())
                    .header("ETag", plain.header("ETag"));
        });
    }

    @Test
    void aMalformedQualityValueInAcceptEncodingIsAProblemNamingTheHeader() {
        given().header("Accept-Encoding", "gzip;q=2").queryParam("fiscalYear", 2024).get("/api/v1/progress").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("Accept-Encoding"))
                .body("violations[0].reason", containsString("quality value"));
    }

    @Test
    void malformedQueriesAreProblems() {
        given().get("/api/v1/progress").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("fiscalYear"));
        given().queryParam("fiscalYear", 2024).queryParam("asOf", "30/09/2024").get("/api/v1/progress").then()
                .statusCode(400).body("violations[0].field", equalTo("asOf"));
        given().queryParam("fiscalYear", 2024).get("/api/v1/progress/{code}", "no-such-indicator").then()
                .statusCode(404).contentType("application/problem+json");
    }

    private void awaitActual(String expected) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("fiscalYear", 2024)
                .get("/api/v1/progress/{code}", code).then().statusCode(200)
                .body("actual", equalTo(new BigDecimal(expected).intValueExact())));
    }

    private JsonPath progress() {
        return given().queryParam("fiscalYear", 2024).get("/api/v1/progress").then().statusCode(200).extract().jsonPath();
    }

    private IndicatorEvent indicator(long version, String target) {
        return new IndicatorEvent(code, "「マナビＤＸ」へのアクセス数", "Manabi DX accesses", "accesses",
                "digital-talent", UUID.randomUUID(), true, false, IndicatorEvent.Aggregation.SUM,
                List.of(new IndicatorEvent.Target(2024, IndicatorEvent.Comparator.AT_LEAST, new BigDecimal(target))),
                false, version, Instant.now());
    }

    private MeasurementEvent measurement(String month, String value, int revision, Instant recordedAt) {
        return new MeasurementEvent(UUID.randomUUID(), code, null, null, "digital-talent", month, new BigDecimal(value),
                revision, null, revision > 1 ? "recount" : null, "test", recordedAt);
    }

}
