package org.kpisuite.plan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.kpisuite.plan.PlanFixtures.createItem;
import static org.kpisuite.plan.PlanFixtures.createPlan;
import static org.kpisuite.plan.PlanFixtures.randomPlanCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.Topics;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class PlanDocumentImportTest {

    private final String plan = randomPlanCode();

    @Test
    void importingTheSameDocumentTwiceChangesAndPublishesNothingTheSecondTime() {
        put(document("デジタル基盤提供の推進")).statusCode(201)
                .body("created", equalTo(6))
                .body("updated", equalTo(0))
                .body("unchanged", equalTo(0))
                .body("notInDocument", empty());

        ValidatableResponse tree = given().get("/api/v1/plans/{code}", plan).then().statusCode(200)
                .body("midTermPeriod", equalTo("5th (FY2023–FY2027)"))
                .body("items.code", equalTo(List.of("I", "II")))
                .body("items[0].items.code", equalTo(List.of("I.1", "I.2")))
                .body("items[0].items[0].items.code", equalTo(List.of("I.1.(1)", "I.1.(2)")))
                .body("items[0].items[1].importantInitiative", equalTo(true))
                .body("items[0].items[0].items.sortOrder", equalTo(List.of(1, 2)));
        Set<String> ids = Set.copyOf(given().queryParam("planCode", plan).get("/api/v1/plan-items")
                .then().extract().<List<String>>path("id"));
        assertThat(ids).hasSize(6);
        assertThat(eventsFor(ids, sentinel())).hasSize(6);

        put(document("デジタル基盤提供の推進")).statusCode(200)
                .body("created", equalTo(0))
                .body("updated", equalTo(0))
                .body("unchanged", equalTo(6))
                .body("notInDocument", empty());

        given().queryParam("planCode", plan).get("/api/v1/plan-items").then().statusCode(200)
                .body("version", everyItem(equalTo(1)));
        // The sentinel commits after the second import; once it is on the topic, anything before it is too.
        assertThat(eventsFor(ids, sentinel())).hasSize(6);
    }

    @Test
    void changedItemsAreUpdatedAndItemsMissingFromTheDocumentAreKeptAndReported() {
        createPlan(plan);
        String extra = createItem(plan, "III", null, 9);
        put(document("デジタル基盤提供の推進")).statusCode(200)
                .body("created", equalTo(6))
                .body("notInDocument", equalTo(List.of("III")));

        String changed = document("アーキテクチャ設計やデジタル基盤提供の推進")
                .replace("{\"code\":\"II\",\"nameJa\":\"業務運営の効率化\",\"nameEn\":\"Operational efficiency\"}",
                        "{\"code\":\"II\",\"nameJa\":\"業務運営の効率化\",\"nameEn\":\"Operational efficiency\","
                                + "\"items\":[{\"code\":\"II.1\",\"nameJa\":\"業務改善の取組\"}]}");
        put(changed).statusCode(200)
                .body("created", equalTo(1))
                .body("updated", equalTo(1))
                .body("unchanged", equalTo(5))
                .body("notInDocument", equalTo(List.of("III")));

        given().get("/api/v1/plans/{code}", plan).then().statusCode(200)
                .body("items.code", equalTo(List.of("I", "II", "III")))
                .body("items[0].items[0].nameJa", equalTo("アーキテクチャ設計やデジタル基盤提供の推進"))
                .body("items[0].items[0].version", equalTo(2))
                .body("items[1].items[0].code", equalTo("II.1"));
        given().get("/api/v1/plan-items/{id}", extra).then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    void itemsAreRearrangedByTheDocument() {
        put(document("デジタル基盤提供の推進")).statusCode(201);
        // I.1.(2) moves under I.2 and the two chapters swap places.
        String rearranged = """
                {"agency":"IPA","fiscalYear":2024,"midTermPeriod":"5th (FY2023–FY2027)","midTermFirstYear":2023,
                 "midTermLastYear":2027,"nameJa":"独立行政法人情報処理推進機構令和６年度計画","nameEn":"IPA plan for FY2024",
                 "items":[{"code":"II","nameJa":"業務運営の効率化","nameEn":"Operational efficiency"},
                  {"code":"I","nameJa":"国民に対して提供するサービスその他の業務の質の向上","nameEn":"Quality of services",
                   "items":[{"code":"I.1","nameJa":"デジタル基盤提供の推進","items":[{"code":"I.1.(1)","nameJa":"アーキテクチャ設計"}]},
                    {"code":"I.2","nameJa":"ＤＸを担うデジタル人材の育成推進","importantInitiative":true,
                     "items":[{"code":"I.1.(2)","nameJa":"データ利活用"}]}]}]}
                """;
        put(rearranged).statusCode(200)
                .body("created", equalTo(0))
                .body("updated", equalTo(3))
                .body("unchanged", equalTo(3));
        given().get("/api/v1/plans/{code}", plan).then().statusCode(200)
                .body("items.code", equalTo(List.of("II", "I")))
                .body("items[1].items[1].items[0].code", equalTo("I.1.(2)"));
    }

    private ValidatableResponse put(String json) {
        return given().contentType(ContentType.JSON).body(json)
                .put("/api/v1/plans/{code}/document", plan).then();
    }

    /** Commits a change in a plan of its own and returns the id whose event marks "everything before is out". */
    private static String sentinel() {
        return createItem(createPlan(randomPlanCode()), "S", null, 0);
    }

    private List<String> eventsFor(Set<String> ids, String sentinelId) {
        List<String> keys = new ArrayList<>();
        SuiteEvents.awaitRecord(Topics.PLAN_ITEMS, r -> {
            if (ids.contains(r.key())) {
                keys.add(r.key());
            }
            return sentinelId.equals(r.key());
        }, Duration.ofSeconds(20));
        return keys;
    }

    static String document(String chapterOneName) {
        return """
                {"agency":"IPA","fiscalYear":2024,"midTermPeriod":"5th (FY2023–FY2027)","midTermFirstYear":2023,
                 "midTermLastYear":2027,"nameJa":"独立行政法人情報処理推進機構令和６年度計画","nameEn":"IPA plan for FY2024",
                 "items":[
                  {"code":"I","nameJa":"国民に対して提供するサービスその他の業務の質の向上","nameEn":"Quality of services",
                   "items":[
                    {"code":"I.1","nameJa":"%s","items":[
                      {"code":"I.1.(1)","nameJa":"アーキテクチャ設計"},
                      {"code":"I.1.(2)","nameJa":"データ利活用"}]},
                    {"code":"I.2","nameJa":"ＤＸを担うデジタル人材の育成推進","importantInitiative":true}]},
                  {"code":"II","nameJa":"業務運営の効率化","nameEn":"Operational efficiency"}]}
                """.formatted(chapterOneName);
    }
}
