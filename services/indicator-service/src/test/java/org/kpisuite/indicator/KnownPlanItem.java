package org.kpisuite.indicator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.UUID;

import org.kpisuite.events.PlanItemEvent;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteEvents;

import io.restassured.http.ContentType;

/** A plan item published the way plan-service does, once indicator-service has taken it in. */
final class KnownPlanItem {

    private KnownPlanItem() {
    }

    static UUID publish() {
        UUID id = UUID.randomUUID();
        SuiteEvents.planItem(new PlanItemEvent(id, "IPA-FY2024", "I.2", null, "ＤＸを担うデジタル人材の育成推進",
                "Digital talent", 2, false, false, 1, Instant.now()));
        String probe = Codes.unique("probe");
        String body = """
                {"code":"%s","nameJa":"試","unit":"cases","department":"d","planItemId":"%s","aggregation":"SUM",
                 "targets":[{"fiscalYear":2024,"comparator":"AT_LEAST","value":1}]}""".formatted(probe, id);
        await().atMost(SuiteEvents.WAIT).until(() -> given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/indicators").statusCode() == 201);
        return id;
    }
}
