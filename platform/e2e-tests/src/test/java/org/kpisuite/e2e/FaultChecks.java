package org.kpisuite.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.kpisuite.devstack.SuiteServices;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.CloudEvents;
import org.kpisuite.testing.PrometheusText;
import org.kpisuite.testing.TopicReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** What the fault tests set up and check: indicators, and every accepted value in reporting exactly once. */
final class FaultChecks {

    static final String DEPARTMENT = "digital-talent";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FaultChecks() {
    }

    /**
     * Publishes SUM indicators by site (values from FY2000, a target in FY2024) as indicator-service would, and
     * waits until ingestion knows each of them: its probe value for March 2001 (FY2000) is then accepted, and counts.
     */
    static List<ValueStream.Accepted> defineIndicators(FaultSuite suite, List<String> codes) {
        publishIndicators(suite, codes);
        return awaitIndicators(suite, codes);
    }

    /** Publishes the indicators' definitions to their topic, as indicator-service would. */
    static void publishIndicators(FaultSuite suite, List<String> codes) {
        for (String code : codes) {
            String event = """
                    {"code":"%1$s","nameJa":"障害試験","nameEn":"fault test","unit":"cases","department":"%2$s",
                     "planItemId":"%3$s","coreTarget":false,"referenceOnly":false,"aggregation":"SUM","components":[],
                     "breakdown":{"dimension":"site","nameJa":"拠点","nameEn":"site","values":[%5$s]},
                     "allowsNegative":false,"firstFiscalYear":2000,"lastFiscalYear":null,
                     "targets":[{"fiscalYear":2024,"comparator":"AT_LEAST","value":1000,"scope":"FISCAL_YEAR",
                                 "conditions":[]}],
                     "retired":false,"version":1,"changedAt":"%4$s"}
                    """.formatted(code, DEPARTMENT, UUID.randomUUID(), Instant.now(),
                    ValueStream.SITES.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",")));
            TopicReader.send(suite.bootstrapServers(), Topics.INDICATORS, code, event,
                    CloudEvents.headers(IndicatorEvent.TYPE_DEFINED, code));
        }
    }

    /** Waits until ingestion accepts a probe value (March 2001, site s0) of each indicator: it knows them then. */
    static List<ValueStream.Accepted> awaitIndicators(FaultSuite suite, List<String> codes) {
        List<ValueStream.Accepted> probes = new ArrayList<>();
        for (String code : codes) {
            String body = submission(code, ValueStream.SITES.get(0), DEPARTMENT, "2001-03", BigDecimal.ONE, null);
            String[] id = new String[1];
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300)).until(() -> {
                var response = Requests.api(suite.url(SuiteServices.INGESTION), suite.adminToken())
                        .contentType(ContentType.JSON).body(body).post("/api/v1/measurements");
                id[0] = response.statusCode() == 201 ? response.path("id") : null;
                return id[0] != null;
            });
            probes.add(new ValueStream.Accepted(code, ValueStream.SITES.get(0), "2001-03", BigDecimal.ONE, id[0], 1));
        }
        return probes;
    }

    /** The JSON body of one submission; a correction carries its reason. */
    static String submission(String code, String site, String department, String month, BigDecimal value,
            String reason) {
        return """
                {"indicatorCode":"%s","breakdown":"%s","department":"%s","month":"%s","value":%s%s}
                """.formatted(code, site, department, month, value.toPlainString(),
                reason == null ? "" : ",\"reason\":\"" + reason + "\"");
    }

    /**
     * Waits until reporting's fact export holds exactly the accepted values: every key the client was told about,
     * with the value and the revision it was last told (a value stored twice would be a revision above it), and
     * nothing else.
     */
    static void awaitExactlyOnceInReporting(String reportingUrl, String token, List<ValueStream.Accepted> accepted,
            Duration timeout) {
        Map<String, Map<String, String>> expected = told(accepted);
        await().atMost(timeout).pollInterval(Duration.ofSeconds(1)).untilAsserted(
                () -> assertThat(inReporting(reportingUrl, token, expected.keySet())).isEqualTo(expected));
    }

    /**
     * After the exact check has passed: waits out what could still arrive late (a relay's or a consumer's retry, a
     * submission whose client gave up), then checks reporting again and ingestion's own current values too.
     */
    static void assertStillExactlyOnceAfter(Duration settle, String ingestionUrl, String reportingUrl, String token,
            List<ValueStream.Accepted> accepted) {
        Map<String, Map<String, String>> expected = told(accepted);
        sleep(settle);
        assertThat(inReporting(reportingUrl, token, expected.keySet())).as("reporting, %s later", settle)
                .isEqualTo(expected);
        Map<String, Map<String, String>> stored = new TreeMap<>();
        for (String code : expected.keySet()) {
            List<Map<String, Object>> values = Requests.api(ingestionUrl, token).queryParam("indicatorCode", code)
                    .get("/api/v1/measurements").then().statusCode(200).extract().jsonPath().getList("$");
            Map<String, String> byKey = new TreeMap<>();
            values.forEach(v -> byKey.put(v.get("month") + " " + v.get("breakdown"), valueAndRevision(v)));
            stored.put(code, byKey);
        }
        assertThat(stored).as("ingestion's current values, %s later", settle).isEqualTo(expected);
    }

    /**
     * Per indicator and key (month, site), the value and revision the client was last told. Each key's answers
     * must tell ever higher revisions: told revision 1 twice, the key would have been stored anew.
     */
    private static Map<String, Map<String, String>> told(List<ValueStream.Accepted> accepted) {
        Map<String, ValueStream.Accepted> last = new HashMap<>();
        Map<String, Map<String, String>> expected = new TreeMap<>();
        for (ValueStream.Accepted a : accepted) {
            ValueStream.Accepted before = last.put(a.key(), a);
            if (before != null) {
                assertThat(a.revision()).as("revision told for %s after %s", a.key(), before).isGreaterThan(before.revision());
            }
            expected.computeIfAbsent(a.indicatorCode(), c -> new TreeMap<>())
                    .put(a.month() + " " + a.site(), plain(a.value()) + " r" + a.revision());
        }
        return expected;
    }

    private static Map<String, Map<String, String>> inReporting(String reportingUrl, String token, Set<String> codes) {
        Map<String, Map<String, String>> actual = new TreeMap<>();
        for (String code : codes) {
            JsonPath facts = Requests.api(reportingUrl, token).queryParam("indicatorCode", code)
                    .queryParam("limit", 10_000).get("/api/v1/exports/facts").then().statusCode(200)
                    .extract().jsonPath();
            Map<String, String> values = new TreeMap<>();
            List<Map<String, Object>> items = facts.getList("items");
            items.forEach(item -> values.put(item.get("month") + " " + item.get("breakdown"), valueAndRevision(item)));
            actual.put(code, values);
        }
        return actual;
    }

    private static String valueAndRevision(Map<String, Object> item) {
        return plain(new BigDecimal(String.valueOf(item.get("value")))) + " r" + item.get("revision");
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /**
     * The value of a counter on a service's /q/metrics (summed over the samples with these labels); a counter that
     * is missing fails, it does not read as 0.
     */
    static double metric(String serviceUrl, String name, Map<String, String> labels) {
        String text = given().baseUri(serviceUrl).get("/q/metrics").then().statusCode(200).extract().asString();
        return PrometheusText.value(text, name, labels);
    }

    static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Reads the measurements topic until every accepted value's event has been seen, and checks that, per
     * indicator (the record key), the events came in the order the values were accepted. A relay that retries
     * may publish an event again; only its first appearance counts for the order.
     */
    static void assertPublishedInOrderPerIndicator(String bootstrapServers, List<ValueStream.Accepted> accepted) {
        Map<String, List<String>> expected = accepted.stream().collect(Collectors.groupingBy(
                ValueStream.Accepted::indicatorCode, LinkedHashMap::new,
                Collectors.mapping(ValueStream.Accepted::measurementId, Collectors.collectingAndThen(
                        Collectors.toCollection(LinkedHashSet::new), List::copyOf))));
        Set<String> wanted = accepted.stream().map(ValueStream.Accepted::measurementId).collect(Collectors.toSet());
        Map<String, Set<String>> published = new HashMap<>();
        Set<String> seen = new HashSet<>();
        TopicReader.awaitRecord(bootstrapServers, Topics.MEASUREMENTS, record -> {
            if (expected.containsKey(record.key())) {
                String id = measurementId(record.value());
                published.computeIfAbsent(record.key(), k -> new LinkedHashSet<>()).add(id);
                if (wanted.contains(id)) {
                    seen.add(id);
                }
            }
            return seen.size() == wanted.size();
        }, Duration.ofSeconds(120));
        expected.forEach((code, ids) -> assertThat(new ArrayList<>(published.get(code)))
                .as("the events of %s in the order of the topic", code).containsExactlyElementsOf(ids));
    }

    private static String measurementId(String event) {
        try {
            JsonNode node = JSON.readTree(event);
            return node.path("measurementId").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable measurement event: " + event, e);
        }
    }
}
