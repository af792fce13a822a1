package org.kpisuite.ingestion;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** ATOMIC against ROW_BY_ROW, dry runs, and one key twice in a batch. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class BatchModesTest extends OwnIndicatorTests {

    @Test
    void atomicStoresNothingWhenARowIsRejected() {
        post(BatchIndicators.batch("ATOMIC", false, List.of(
                BatchIndicators.row(code, null, "2024-04", "10", null),
                BatchIndicators.row(code, null, "2099-01", "11", null),
                BatchIndicators.row(code, null, "2024-05", "-1", null))))
                .statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://kpi-suite.org/problems/batch-rejected"))
                .body("created", equalTo(0)).body("rejected", equalTo(2))
                .body("rejections", hasSize(2))
                .body("rejections[0].row", equalTo(2)).body("rejections[0].field", equalTo("month"))
                .body("rejections[1].row", equalTo(3)).body("rejections[1].field", equalTo("value"));
        expectStoredMonths(1);
    }

    @Test
    void rowByRowStoresTheValidRowsAndListsTheOthers() {
        given().contentType(ContentType.JSON).body(BatchIndicators.row(code, null, "2024-06", "5", null))
                .post("/api/v1/measurements").then().statusCode(201);
        post(BatchIndicators.batch("ROW_BY_ROW", false, List.of(
                BatchIndicators.row(code, null, "2024-04", "10", null),
                BatchIndicators.row(code, null, "2024-05", "11", null).replace("digital-talent", "security"),
                BatchIndicators.row(code, null, "2024-06", "5", null),
                BatchIndicators.row(code, null, "2024-06", "6", null),
                "null")))
                .statusCode(200)
                .body("created", equalTo(1)).body("unchanged", equalTo(0)).body("rejected", equalTo(4))
                .body("rejections.row", equalTo(List.of(2, 3, 4, 5)))
                .body("rejections[0].field", equalTo("department"))
                .body("rejections[1].field", equalTo("value"))
                .body("rejections[1].reason", containsString("row 4"))
                .body("rejections[3].field", equalTo("row"));
        expectStoredMonths(3);

        post(BatchIndicators.batch("ROW_BY_ROW", false, List.of(
                BatchIndicators.row(code, null, "2024-06", "5", null),
                BatchIndicators.row(code, null, "2024-04", "12", "recount"),
                BatchIndicators.row(code, null, "2024-07", "3", null),
                BatchIndicators.row(code, null, "2024-07", "3", null))))
                .statusCode(200)
                .body("created", equalTo(1)).body("corrected", equalTo(1)).body("unchanged", equalTo(2))
                .body("rejected", equalTo(0));
    }

    @Test
    void correctionWithoutReasonIsARejectedRow() {
        post(BatchIndicators.batch("ATOMIC", false, List.of(BatchIndicators.row(code, null, "2015-04", "2", null))))
                .statusCode(422).body("rejections[0].field", equalTo("reason"));
    }

    @Test
    void dryRunStoresNothing() {
        post(BatchIndicators.batch("ROW_BY_ROW", true, List.of(
                BatchIndicators.row(code, null, "2024-04", "10", null),
                BatchIndicators.row(code, null, "2024-05", "11", null),
                BatchIndicators.row(code, null, "2099-05", "11", null))))
                .statusCode(200)
                .body("dryRun", equalTo(true)).body("created", equalTo(2)).body("rejected", equalTo(1));
        post(BatchIndicators.batch("ATOMIC", true, List.of(BatchIndicators.row(code, null, "2099-05", "11", null))))
                .statusCode(200).body("dryRun", equalTo(true)).body("rejected", equalTo(1));
        expectStoredMonths(1);
    }

    @Test
    void aJsonBatchTakesItsSettingsFromTheQueryAsTheCsvImportDoes() {
        String rows = "{\"rows\":[" + BatchIndicators.row(code, null, "2024-10", "3", null) + "]}";
        given().contentType(ContentType.JSON).queryParam("dryRun", true).body(rows).post("/api/v1/measurements/batch")
                .then().statusCode(200).body("dryRun", equalTo(true)).body("created", equalTo(1));
        given().contentType(ContentType.JSON).queryParam("mode", "ROW_BY_ROW").queryParam("dryRun", "true")
                .body(rows).post("/api/v1/measurements/batch")
                .then().statusCode(200).body("mode", equalTo("ROW_BY_ROW")).body("dryRun", equalTo(true));
        // Said differently in the query and the body: refused, naming the setting.
        given().contentType(ContentType.JSON).queryParam("dryRun", true)
                .body(BatchIndicators.batch("ATOMIC", false, List.of(BatchIndicators.row(code, null, "2024-10", "3", null))))
                .post("/api/v1/measurements/batch").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("dryRun"));
        given().contentType(ContentType.JSON).queryParam("mode", "BOGUS").body(rows).post("/api/v1/measurements/batch")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("mode"));
        expectStoredMonths(1);
    }

    @Test
    void aKeyGivenTwiceIsRefusedNotReadAsTheLastOne() {
        String row = BatchIndicators.row(code, null, "2024-11", "3", null);
        String twice = row.replace("{\"indicatorCode\":\"" + code + "\"",
                "{\"indicatorCode\":\"" + code + "\",\"indicatorCode\":\"" + code + "-other\"");
        given().contentType(ContentType.JSON).body(twice).post("/api/v1/measurements").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("indicatorCode"));
        post("{\"rows\":[" + row + "," + twice + "]}").statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("rows[1].indicatorCode"))
                .body("violations[0].reason", equalTo("is given more than once"));
        expectStoredMonths(1);
    }

    @Test
    void aValueThatIsNotJsonIsNamedByItsOwnKeyNotTheRowAroundIt() {
        String row = BatchIndicators.row(code, null, "2024-11", "3", null);
        for (String notJson : List.of("NaN", "-Infinity", "01", "'3'")) {
            String bad = BatchIndicators.row(code, null, "2024-12", notJson, null);
            given().contentType(ContentType.JSON).body(bad).post("/api/v1/measurements").then().statusCode(400)
                    .contentType("application/problem+json").body("violations[0].field", equalTo("value"));
            post("{\"mode\":\"ATOMIC\",\"rows\":[" + row + "," + bad + "]}").statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo("rows[1].value"))
                    .body("violations[0].reason", equalTo("is not valid JSON"));
        }
        // Valid JSON, but longer than the reader takes: said so, of the row that holds it.
        post("{\"mode\":\"ATOMIC\",\"rows\":[" + row + "," + BatchIndicators.row(code, null, "2024-12",
                "0." + "0".repeat(2000) + "1", null) + "]}").statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("rows[1]"))
                .body("violations[0].reason", allOf(containsString("number value length ("),
                        endsWith("exceeds the maximum allowed (1000)")));
        expectStoredMonths(1);
    }

    @Test
    void sameKeyTwiceWithDifferentValuesRejectsBoth() {
        post(BatchIndicators.batch("ATOMIC", false, List.of(
                BatchIndicators.row(code, null, "2024-08", "10", null),
                BatchIndicators.row(code, null, "2024-09", "10", null),
                BatchIndicators.row(code, null, "2024-08", "12", null))))
                .statusCode(422)
                .body("rejections.row", equalTo(List.of(1, 3)))
                .body("rejections.field", equalTo(List.of("value", "value")))
                .body("rejections[0].reason", containsString("row 3"))
                .body("rejections[1].reason", containsString("row 1"));
        expectStoredMonths(1);
    }

    @Test
    void badBatchesAreProblems() {
        given().contentType(ContentType.JSON).body("{\"mode\":\"ATOMIC\"}").post("/api/v1/measurements/batch")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("rows"));
        given().contentType(ContentType.JSON).body("{\"mode\":\"SOMETIMES\",\"rows\":[]}")
                .post("/api/v1/measurements/batch").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void moreThanFiftyThousandRowsIsTooLarge() {
        String nulls = String.join(",", java.util.Collections.nCopies(50_001, "null"));
        post("{\"rows\":[" + nulls + "]}").statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("50000"));
    }

    private static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/measurements/batch").then();
    }

    private void expectStoredMonths(int count) {
        given().queryParam("indicatorCode", code).get("/api/v1/measurements").then().statusCode(200)
                .body("$", hasSize(count));
    }
}
