package org.kpisuite.indicator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.kpisuite.events.PlanItemEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.CloudEvents;
import org.kpisuite.testing.TopicReader;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;

/** A plan item published the way plan-service does, once indicator-service has taken it in. */
final class KnownPlanItem {

    private KnownPlanItem() {
    }

    static UUID publish(String bootstrapServers, ObjectMapper mapper) throws Exception {
        UUID id = UUID.randomUUID();
        var item = new PlanItemEvent(id, "IPA-FY2024", "I.2", null, "ＤＸを担うデジタル人材の育成推進",
                "Digital talent", 2, false, false, 1, Instant.now());
        TopicReader.send(bootstrapServers, Topics.PLAN_ITEMS, id.toString(), mapper.writeValueAsString(item),
                CloudEvents.headers(PlanItemEvent.TYPE_UPSERTED, id.toString()));
        String probe = "probe-" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"code":"%s","nameJa":"試","unit":"cases","department":"d","planItemId":"%s","aggregation":"SUM",
                 "targets":[{"fiscalYear":2024,"comparator":"AT_LEAST","value":1}]}""".formatted(probe, id);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/indicators").statusCode() == 201);
        return id;
    }
}
