package org.kpisuite.indicator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.CloudEventHeaders;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TopicReader;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class IndicatorResourceTest {

    private UUID planItemId;

    @BeforeEach
    void planItemKnownFromKafka() throws Exception {
        planItemId = KnownPlanItem.publish();
    }

    @Test
    void definedIndicatorIsListedForItsFiscalYearAndPublished() throws Exception {
        String code = Codes.unique("manabi");
        assertThat(define(sumIndicator(code, 2024, "300000"))).isEqualTo(201);

        given().queryParam("fiscalYear", 2024).get("/api/v1/indicators").then().statusCode(200)
                .body("code", hasItem(code));
        // Active from its first target's year on: not listed for the year before.
        given().queryParam("fiscalYear", 2023).get("/api/v1/indicators").then().statusCode(200)
                .body("code", not(hasItem(code)));
        given().get("/api/v1/indicators/{code}", code).then().statusCode(200)
                .body("aggregation", equalTo("SUM"))
                .body("targets[0].fiscalYear", equalTo(2024))
                .body("targets[0].comparator", equalTo("AT_LEAST"))
                .body("targets[0].value", equalTo(300000));

        var record = SuiteEvents.awaitRecord(Topics.INDICATORS, r -> code.equals(r.key()),
                Duration.ofSeconds(20));
        assertThat(TopicReader.header(record, CloudEventHeaders.TYPE)).isEqualTo(IndicatorEvent.TYPE_DEFINED);
        IndicatorEvent event = SuiteEvents.read(record.value(), IndicatorEvent.class);
        assertThat(event.targetFor(2024).value()).isEqualByComparingTo("300000");
        assertThat(event.aggregation()).isEqualTo(IndicatorEvent.Aggregation.SUM);
    }

    @Test
    void settingNextYearsTargetLeavesThisYearsAlone() {
        String code = Codes.unique("exam");
        define(sumIndicator(code, 2024, "544090"));

        given().contentType(ContentType.JSON).body("{\"fiscalYear\":2025,\"comparator\":\"AT_LEAST\",\"value\":550000}")
                .put("/api/v1/indicators/{code}/targets/2025", code).then().statusCode(200)
                .body("version", equalTo(2))
                .body("targets.find { it.fiscalYear == 2024 }.value", equalTo(544090))
                .body("targets.find { it.fiscalYear == 2025 }.value", equalTo(550000));
        // Sent again (a retried request, a script run twice), the same target is no new version.
        for (String same : List.of("550000", "550000.000")) {
            given().contentType(ContentType.JSON)
                    .body("{\"fiscalYear\":2025,\"comparator\":\"AT_LEAST\",\"value\":" + same + "}")
                    .put("/api/v1/indicators/{code}/targets/2025", code).then().statusCode(200)
                    .header("X-Outcome", "UNCHANGED").body("version", equalTo(2));
        }
        given().contentType(ContentType.JSON).body("{\"fiscalYear\":2025,\"comparator\":\"AT_LEAST\",\"value\":560000}")
                .put("/api/v1/indicators/{code}/targets/2025", code).then().statusCode(200)
                .header("X-Outcome", "CHANGED").body("version", equalTo(3));

        SuiteEvents.awaitRecord(Topics.INDICATORS,
                r -> code.equals(r.key()) && IndicatorEvent.TYPE_CHANGED.equals(TopicReader.header(r, CloudEventHeaders.TYPE)),
                Duration.ofSeconds(20));
    }

    @Test
    void unknownPlanItemDuplicateCodeAndBadFieldsAreProblems() {
        String code = Codes.unique("dup");
        define(sumIndicator(code, 2024, "10"));
        given().contentType(ContentType.JSON).body(sumIndicator(code, 2024, "10"))
                .post("/api/v1/indicators").then().statusCode(409)
                .contentType("application/problem+json").body("violations[0].field", equalTo("code"));

        given().contentType(ContentType.JSON)
                .body(sumIndicator("other-" + code, 2024, "10").replace(planItemId.toString(), UUID.randomUUID().toString()))
                .post("/api/v1/indicators").then().statusCode(422)
                .body("violations[0].field", equalTo("planItemId"));

        given().contentType(ContentType.JSON)
                .body(sumIndicator("bad-" + code, 2024, "10").replace("\"SUM\"", "\"MEDIAN\""))
                .post("/api/v1/indicators").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("aggregation"));

        given().contentType(ContentType.JSON)
                .body(sumIndicator("Bad Code", 1999, "10"))
                .post("/api/v1/indicators").then().statusCode(400)
                .body("violations.field", hasItem("code"))
                .body("violations.field", hasItem("targets[0].fiscalYear"));

        given().contentType(ContentType.JSON)
                .body(sumIndicator("novalue-" + code, 2024, "null"))
                .post("/api/v1/indicators").then().statusCode(422)
                .body("violations[0].field", equalTo("targets[0].value"));

        given().queryParam("fiscalYear", "FY2024").get("/api/v1/indicators").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("fiscalYear"));
    }

    private String sumIndicator(String code, int fiscalYear, String target) {
        return """
                {"code":"%s","nameJa":"「マナビＤＸ」へのアクセス数","nameEn":"Manabi DX accesses","unit":"accesses",
                 "department":"digital-talent","planItemId":"%s","coreTarget":true,"aggregation":"SUM",
                 "targets":[{"fiscalYear":%d,"comparator":"AT_LEAST","value":%s}]}
                """.formatted(code, planItemId, fiscalYear, target);
    }

    private int define(String json) {
        return given().contentType(ContentType.JSON).body(json).post("/api/v1/indicators").then().extract().statusCode();
    }
}
