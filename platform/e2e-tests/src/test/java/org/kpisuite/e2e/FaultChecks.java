package org.kpisuite.e2e;

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
     * Publishes SUM indicators by site (values from FY1999, a target in FY2024) as indicator-service would, and
     * waits until ingestion knows each of them: its probe value for March 2000 is then accepted, and counts.
     */
    static List<ValueStream.Accepted> defineIndicators(FaultSuite suite, List<String> codes) {
        List<ValueStream.Accepted> probes = new ArrayList<>();
        for (String code : codes) {
            String event = """
                    {"code":"%1$s","nameJa":"障害試験","nameEn":"fault test","unit":"cases","department":"%2$s",
                     "planItemId":"%3$s","coreTarget":false,"referenceOnly":false,"aggregation":"SUM","components":[],
                     "breakdown":{"dimension":"site","nameJa":"拠点","nameEn":"site","values":[%5$s]},
                     "allowsNegative":false,"firstFiscalYear":1999,"lastFiscalYear":null,
                     "targets":[{"fiscalYear":2024,"comparator":"AT_LEAST","value":1000,"scope":"FISCAL_YEAR",
                                 "conditions":[]}],
                     "retired":false,"version":1,"changedAt":"%4$s"}
                    """.formatted(code, DEPARTMENT, UUID.randomUUID(), Instant.now(),
                    ValueStream.SITES.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",")));
            TopicReader.send(suite.bootstrapServers(), Topics.INDICATORS, code, event,
                    CloudEvents.headers(IndicatorEvent.TYPE_DEFINED, code));
        }
        for (String code : codes) {
            String body = """
                    {"indicatorCode":"%s","breakdown":"%s","department":"%s","month":"2000-03","value":1}
                    """.formatted(code, ValueStream.SITES.get(0), DEPARTMENT);
            String[] id = new String[1];
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
                var response = Requests.api(suite.url(SuiteServices.INGESTION), suite.adminToken())
                        .contentType(ContentType.JSON).body(body).post("/api/v1/measurements");
                id[0] = response.statusCode() == 201 ? response.path("id") : null;
                return id[0] != null;
            });
            probes.add(new ValueStream.Accepted(code, ValueStream.SITES.get(0), "2000-03", BigDecimal.ONE, id[0]));
        }
        return probes;
    }

    /**
     * Waits until reporting's fact export holds exactly the accepted values: every one, with its value, as the
     * first revision (a value stored or counted twice would be a second revision or a different value), and
     * nothing else.
     */
    static void awaitExactlyOnceInReporting(String reportingUrl, String token, List<ValueStream.Accepted> accepted,
            Duration timeout) {
        Map<String, Map<String, String>> expected = new TreeMap<>();
        for (ValueStream.Accepted a : accepted) {
            String previous = expected.computeIfAbsent(a.indicatorCode(), c -> new TreeMap<>())
                    .put(a.month() + " " + a.site(), a.value().toPlainString());
            assertThat(previous).as("the client was told twice that %s %s %s was accepted", a.indicatorCode(),
                    a.month(), a.site()).isNull();
        }
        await().atMost(timeout).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (var code : expected.entrySet()) {
                JsonPath facts = Requests.api(reportingUrl, token).queryParam("indicatorCode", code.getKey())
                        .queryParam("limit", 10_000).get("/api/v1/exports/facts").then().statusCode(200)
                        .extract().jsonPath();
                Map<String, String> values = new TreeMap<>();
                List<Map<String, Object>> items = facts.getList("items");
                for (Map<String, Object> item : items) {
                    String key = item.get("month") + " " + item.get("breakdown");
                    values.put(key, String.valueOf(item.get("value")));
                    assertThat(item.get("revision")).as("revision of %s %s", code.getKey(), key).isEqualTo(1);
                }
                assertThat(values).as("values of %s in reporting", code.getKey()).isEqualTo(code.getValue());
            }
        });
    }

    /**
     * Reads the measurements topic until every accepted value's event has been seen, and checks that, per
     * indicator (the record key), the events came in the order the values were accepted. A relay that retries
     * may publish an event again; only its first appearance counts for the order.
     */
    static void assertPublishedInOrderPerIndicator(String bootstrapServers, List<ValueStream.Accepted> accepted) {
        Map<String, List<String>> expected = accepted.stream().collect(Collectors.groupingBy(
                ValueStream.Accepted::indicatorCode, LinkedHashMap::new,
                Collectors.mapping(ValueStream.Accepted::measurementId, Collectors.toList())));
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
