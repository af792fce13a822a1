package org.kpisuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.CloudEventHeaders;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.IndicatorStatusEvent;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.CloudEvents;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TestIndicators;
import org.kpisuite.testing.TopicReader;

import com.fasterxml.jackson.databind.JsonNode;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Status changes go out on kpi.indicator-status.v1; a rebuild from the topics gives the same progress. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class StatusAndRebuildTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void reachingTheTargetPublishesAStatusChange() throws Exception {
        String code = Codes.unique("partner");
        publishIndicator(code, "10");
        var noData = awaitStatus(code, null);
        assertThat(noData.status()).isEqualTo("NO_DATA");

        publishValue(code, "2024-06", "4");
        var first = awaitStatus(code, "NO_DATA");
        assertThat(first.status()).isEqualTo("OFF_TRACK");
        assertThat(first.actual()).isEqualByComparingTo("4");

        publishValue(code, "2024-07", "6");
        var achieved = awaitStatus(code, "OFF_TRACK");
        assertThat(achieved.status()).isEqualTo("ACHIEVED");
        assertThat(achieved.grade()).isEqualTo("B");
        assertThat(achieved.fiscalYear()).isEqualTo(2024);
    }

    @Test
    void aRebuildAnnouncesNoStatusAndEndsWithTheSameProgress() throws Exception {
        // Enough indicators and values that a replay passing through NO_DATA would show (43 did in the field).
        String prefix = "rebuild-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        List<TopicReader.Outgoing> indicators = new java.util.ArrayList<>();
        List<TopicReader.Outgoing> values = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String code = prefix + i;
            var indicator = new IndicatorEvent(code, "連携した組織", "Partner organisations", "organisations", "security",
                    UUID.randomUUID(), i % 5 == 0, false, IndicatorEvent.Aggregation.SUM,
                    List.of(new IndicatorEvent.Target(2024, IndicatorEvent.Comparator.AT_LEAST, new BigDecimal("100")),
                            new IndicatorEvent.Target(2025, IndicatorEvent.Comparator.AT_LEAST, new BigDecimal("100"))),
                    false, 1, Instant.now());
            indicators.add(new TopicReader.Outgoing(code, SuiteEvents.json(indicator),
                    CloudEvents.headers(IndicatorEvent.TYPE_DEFINED, code)));
            for (int m = 0; m < 12; m++) {
                String month = java.time.YearMonth.of(2024, 4).plusMonths(m).toString();
                var value = new MeasurementEvent(UUID.randomUUID(), code, null, null, "security", month,
                        BigDecimal.valueOf(i % 3 == 0 ? 2 : 10), 1, null, null, "test", Instant.parse("2025-04-01T00:00:00Z"));
                values.add(new TopicReader.Outgoing(code, SuiteEvents.json(value),
                        CloudEvents.headers(MeasurementEvent.TYPE_RECORDED, code)));
            }
        }
        TopicReader.sendAll(SuiteEvents.bootstrapServers(), Topics.INDICATORS, indicators);
        TopicReader.sendAll(SuiteEvents.bootstrapServers(), Topics.MEASUREMENTS, values);
        // FY2024 holds the values; FY2025 has a target and no value yet (NO_DATA).
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(todaysProgress(prefix)).hasSize(120)
                .filteredOn(p -> p.contains("\"fiscalYear\":2024")).hasSize(60)
                .allSatisfy(p -> assertThat(p).contains("\"monthsReported\":12")));
        int statusesBefore = statusEvents(prefix).size();
        assertThat(statusesBefore).as("each indicator announced its status in each year").isGreaterThanOrEqualTo(120);
        List<String> todayBefore = todaysProgress(prefix);
        String pastBefore = given().queryParam("fiscalYear", 2024).queryParam("asOf", "2025-05-31")
                .get("/api/v1/progress").then().statusCode(200).extract().asString();

        String started = given().post("/api/v1/admin/rebuild").then().statusCode(202).body("running", equalTo(true))
                .extract().path("id");
        given().post("/api/v1/admin/rebuild").then().statusCode(409)
                .contentType("application/problem+json");
        await().atMost(Duration.ofSeconds(120)).until(() -> !given().get("/api/v1/admin/rebuild").then().statusCode(200)
                .extract().<Boolean>path("running"));
        // The last run as an object with its own figures: its id, and all the events it replayed (not the count of
        // its last heartbeat).
        JsonPath finished = given().get("/api/v1/admin/rebuild").then().statusCode(200).extract().jsonPath();
        assertThat(finished.getString("last.id")).isEqualTo(started);
        assertThat(finished.getLong("last.events")).isPositive().isEqualTo(finished.getLong("events"));
        assertThat(finished.getString("last.finished")).isNotNull();
        assertThat(finished.getLong("last.replayMillis")).isNotNegative();

        assertThat(todaysProgress(prefix)).isEqualTo(todayBefore);
        assertThat(given().queryParam("fiscalYear", 2024).queryParam("asOf", "2025-05-31").get("/api/v1/progress")
                .then().statusCode(200).extract().asString()).isEqualTo(pastBefore);
        assertThat(statusEvents(prefix)).as("no status event for a change that did not happen").hasSize(statusesBefore);

        // The values in force were derived from the history at the rebuild's end: a correction now replaces its
        // month's value (120 → 150), and a new key adds to it (→ 155).
        String corrected = prefix + 1;
        var correction = new MeasurementEvent(UUID.randomUUID(), corrected, null, null, "security", "2024-04",
                new BigDecimal("40"), 2, null, "recount", "test", Instant.now());
        var another = new MeasurementEvent(UUID.randomUUID(), corrected, null, null, "digital-talent", "2024-04",
                new BigDecimal("5"), 1, null, null, "test", Instant.now());
        TopicReader.sendAll(SuiteEvents.bootstrapServers(), Topics.MEASUREMENTS, List.of(
                new TopicReader.Outgoing(corrected, SuiteEvents.json(correction),
                        CloudEvents.headers(MeasurementEvent.TYPE_RECORDED, corrected)),
                new TopicReader.Outgoing(corrected, SuiteEvents.json(another),
                        CloudEvents.headers(MeasurementEvent.TYPE_RECORDED, corrected))));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().queryParam("fiscalYear", 2024)
                .get("/api/v1/progress/{code}", corrected).then().statusCode(200)
                .body("actual", org.hamcrest.Matchers.comparesEqualTo(155)));
    }

    @Test
    void rebuildingFromTheTopicsGivesTheSameProgressAndPutsBackWhatWasLostOrDamaged() throws Exception {
        String code = Codes.unique("repair");
        publishIndicator(code, "360");
        publishValue(code, "2024-05", "100");
        publishValue(code, "2024-06", "50");
        publishValue(code, "2024-08", "200");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> progress(code).body("actual", equalTo(350)));
        String progressBefore = progress(code).extract().asString();
        String todayBefore = given().queryParam("fiscalYear", 2024).get("/api/v1/progress/{code}", code).then()
                .statusCode(200).extract().asString();
        List<String> kept = keptRows(code);
        assertThat(kept).hasSize(6);
        assertThat(historyIndexes()).hasSize(3);
        // An index a later migration might add, partial and descending: rebuilt as the server defined it.
        executeSql("create index if not exists measurement_revision_test_added on measurement_revision "
                + "(department, recorded_at desc) where department <> ''");
        try {
            rebuildAndCompare(code, kept, progressBefore, todayBefore);
        } finally {
            executeSql("drop index if exists measurement_revision_test_added");
        }
    }

    private void rebuildAndCompare(String code, List<String> kept, String progressBefore, String todayBefore)
            throws Exception {
        List<String> historyIndexes = historyIndexes();
        assertThat(historyIndexes).hasSize(4);
        List<String> builtBefore = historyIndexBuilds();

        // What a lost backup or a bad hand edit could leave: a month gone, a value altered, a value that never was.
        execute(code, "delete from measurement_current where indicator_code = ? and period = '2024-05'");
        execute(code, "update measurement_current set value = 1, revision = 9 where indicator_code = ? and period = '2024-08'");
        execute(code, "update monthly_total set value = value + 7, keys = keys + 1 where indicator_code = ? and period = '2024-06'");
        execute(code, "delete from monthly_total where indicator_code = ? and period = '2024-08'");
        execute(code, """
                insert into measurement_current (indicator_code, period, component, breakdown, department, fiscal_year, revision, value)
                values (?, '2024-09', '', '', 'security', 2024, 1, 999)""");
        execute(code, """
                insert into monthly_total (indicator_code, fiscal_year, period, component, breakdown, value, keys)
                values (?, 2024, '2024-09', '', '', 999, 1)""");
        assertThat(keptRows(code)).isNotEqualTo(kept);

        given().post("/api/v1/admin/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(120)).until(() -> !given().get("/api/v1/admin/rebuild").then().statusCode(200)
                .extract().<Boolean>path("running"));

        assertThat(keptRows(code)).isEqualTo(kept);
        // The replay drops the history's secondary indexes and builds them again at its end, as they were made: the
        // same definitions, new indexes; the primary key stays.
        assertThat(historyIndexes()).isEqualTo(historyIndexes);
        List<String> builtAfter = historyIndexBuilds();
        assertThat(builtAfter.get(0)).isEqualTo(builtBefore.get(0));
        assertThat(builtAfter.subList(1, 4)).doesNotContainAnyElementsOf(builtBefore.subList(1, 4)).hasSize(3);
        assertThat(countOf("select count(*) from rebuild_dropped_index")).isZero();
        assertThat(progress(code).extract().asString()).isEqualTo(progressBefore);
        assertThat(given().queryParam("fiscalYear", 2024).get("/api/v1/progress/{code}", code).then().statusCode(200)
                .extract().asString()).isEqualTo(todayBefore);
    }

    /** The indicator's values in force and monthly totals, one line per row, in key order. */
    private List<String> keptRows(String code) throws Exception {
        List<String> rows = new java.util.ArrayList<>();
        try (var connection = dataSource.getConnection(); var select = connection.prepareStatement("""
                select 'current ' || period || ' ' || department || ' r' || revision || ' ' || value
                from measurement_current where indicator_code = ?
                union all
                select 'total ' || period || ' ' || value || ' keys ' || keys from monthly_total where indicator_code = ?
                order by 1""")) {
            select.setString(1, code);
            select.setString(2, code);
            try (var rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }

    private List<String> historyIndexes() throws Exception {
        List<String> indexes = new java.util.ArrayList<>();
        try (var connection = dataSource.getConnection(); var select = connection.prepareStatement(
                "select indexdef from pg_indexes where tablename = 'measurement_revision' order by indexname");
                var rs = select.executeQuery()) {
            while (rs.next()) {
                indexes.add(rs.getString(1));
            }
        }
        return indexes;
    }

    /** Each index of the history as name and object id, the primary key's first: a rebuilt index has a new id. */
    private List<String> historyIndexBuilds() throws Exception {
        List<String> indexes = new java.util.ArrayList<>();
        try (var connection = dataSource.getConnection(); var select = connection.prepareStatement("""
                select c.relname || ' ' || i.indexrelid from pg_index i join pg_class c on c.oid = i.indexrelid
                where i.indrelid = 'measurement_revision'::regclass order by not i.indisprimary, c.relname""");
                var rs = select.executeQuery()) {
            while (rs.next()) {
                indexes.add(rs.getString(1));
            }
        }
        return indexes;
    }

    private void executeSql(String sql) throws Exception {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long countOf(String sql) throws Exception {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
                var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String code, String sql) throws Exception {
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(sql)) {
            statement.setString(1, code);
            assertThat(statement.executeUpdate()).as(sql).isEqualTo(1);
        }
    }

    /** Today's kept progress of the indicators with the prefix, both years, each entry's JSON. */
    private List<String> todaysProgress(String prefix) throws Exception {
        List<String> entries = new java.util.ArrayList<>();
        for (int year : new int[] { 2024, 2025 }) {
            var list = SuiteEvents.read(given().queryParam("fiscalYear", year).get("/api/v1/progress").then()
                    .statusCode(200).extract().asString(), JsonNode.class);
            list.forEach(node -> {
                if (node.get("indicatorCode").asText().startsWith(prefix)) {
                    entries.add(node.toString());
                }
            });
        }
        return entries;
    }

    private List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> statusEvents(String prefix) {
        return SuiteEvents.readAll(Topics.INDICATOR_STATUS, r -> r.key().startsWith(prefix),
                Duration.ofSeconds(3));
    }

    private io.restassured.response.ValidatableResponse progress(String code) {
        return given().queryParam("fiscalYear", 2024).queryParam("asOf", "2025-05-31")
                .get("/api/v1/progress/{code}", code).then().statusCode(200);
    }

    /** The status event of this indicator that follows {@code previous} (null: the first one). */
    private IndicatorStatusEvent awaitStatus(String code, String previous) throws Exception {
        var record = SuiteEvents.awaitRecord(Topics.INDICATOR_STATUS, r -> {
            if (!code.equals(r.key()) || !IndicatorStatusEvent.TYPE_CHANGED.equals(TopicReader.header(r, CloudEventHeaders.TYPE))) {
                return false;
            }
            try {
                var event = SuiteEvents.read(r.value(), IndicatorStatusEvent.class);
                return previous == null ? event.previousStatus() == null : previous.equals(event.previousStatus());
            } catch (Exception e) {
                return false;
            }
        });
        return SuiteEvents.read(record.value(), IndicatorStatusEvent.class);
    }

    private void publishIndicator(String code, String target) throws Exception {
        var indicator = TestIndicators.sum(code, "連携した組織", "Partner organisations",
                "organisations", "security", false, target);
        SuiteEvents.indicator(indicator);
    }

    private void publishValue(String code, String month, String value) throws Exception {
        var m = new MeasurementEvent(UUID.randomUUID(), code, null, null, "security", month, new BigDecimal(value), 1,
                null, null, "test", Instant.parse("2024-09-01T00:00:00Z"));
        SuiteEvents.measurement(m);
    }
}
