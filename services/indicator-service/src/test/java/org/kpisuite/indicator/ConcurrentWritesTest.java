package org.kpisuite.indicator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Writes to one indicator sent at once (creates, updates, targets, retirements) each get the answer they would get
 * alone, never a 5xx, and the versions they make are 1, 2, 3… without gap or repeat (they were 500s from the
 * indicator's and the version's primary keys).
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class ConcurrentWritesTest {

    private static final int RACERS = 10;

    private UUID planItemId;
    private String code;
    private ExecutorService pool;

    @BeforeEach
    void planItem() {
        planItemId = KnownPlanItem.publish();
        code = Codes.unique("race");
        pool = Executors.newFixedThreadPool(RACERS);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void theSameDefinitionPutAtOnceIsCreatedOnceAndUnchangedForTheOthers() throws Exception {
        List<Response> answers = race(i -> () -> put(definition(100)));

        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isIn(200, 201));
        assertThat(answers.stream().filter(a -> a.statusCode() == 201)).hasSize(1)
                .allSatisfy(a -> assertThat(a.header("X-Outcome")).isEqualTo("CREATED"));
        assertThat(answers.stream().filter(a -> a.statusCode() == 200))
                .allSatisfy(a -> assertThat(a.header("X-Outcome")).isEqualTo("UNCHANGED"));
        assertThat(answers).allSatisfy(a -> assertThat(a.jsonPath().getInt("version")).isEqualTo(1));
        assertVersions(1);
    }

    @Test
    void aDefinitionPostedAtOnceIsDefinedOnceAndAConflictForTheOthers() throws Exception {
        List<Response> answers = race(i -> () -> given().contentType(ContentType.JSON).body(definition(100 + i))
                .post("/api/v1/indicators"));

        assertThat(answers.stream().map(Response::statusCode).sorted().toList())
                .isEqualTo(IntStream.range(0, RACERS).mapToObj(i -> i == 0 ? 201 : 409).toList());
        assertVersions(1);
    }

    @Test
    void differentDefinitionsPutAtOnceEachMakeAVersion() throws Exception {
        put(definition(1)).then().statusCode(201);

        List<Response> answers = race(i -> () -> put(definition(100 + i)));

        assertThat(answers).allSatisfy(a -> {
            assertThat(a.statusCode()).isEqualTo(200);
            assertThat(a.header("X-Outcome")).isEqualTo("CHANGED");
        });
        // The indicator is the last version's definition: the last writer's, whole.
        Response last = eachAVersionAfterTheFirst(answers);
        given().get("/api/v1/indicators/{code}", code).then().statusCode(200)
                .body("version", equalTo(RACERS + 1))
                .body("targets[0].value", equalTo(last.jsonPath().getInt("targets[0].value")));
    }

    @Test
    void targetsSetAtOnceEachMakeAVersion() throws Exception {
        put(definition(1)).then().statusCode(201);

        List<Response> answers = race(i -> () -> given().contentType(ContentType.JSON)
                .body("{\"fiscalYear\":2025,\"comparator\":\"AT_LEAST\",\"value\":" + (200 + i) + "}")
                .put("/api/v1/indicators/{code}/targets/2025", code));

        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(200));
        Response last = eachAVersionAfterTheFirst(answers);
        given().get("/api/v1/indicators/{code}", code).then().statusCode(200)
                .body("targets[0].value", equalTo(1))
                .body("targets[1].value", equalTo(last.jsonPath().getInt("targets[1].value")));
    }

    @Test
    void aRetirementSentAtOnceIsOneVersion() throws Exception {
        put(definition(1)).then().statusCode(201);

        List<Response> answers = race(i -> () -> given().contentType(ContentType.JSON)
                .body("{\"lastFiscalYear\":2024}").post("/api/v1/indicators/{code}/retire", code));

        assertThat(answers).allSatisfy(a -> {
            assertThat(a.statusCode()).isEqualTo(200);
            assertThat(a.jsonPath().getBoolean("retired")).isTrue();
            assertThat(a.jsonPath().getInt("version")).isEqualTo(2);
        });
        assertVersions(2);
    }

    @Test
    void updatesTargetsAndARetirementAtOnceKeepTheRules() throws Exception {
        put(definition(1)).then().statusCode(201);

        // A third each: redefinitions, targets of FY2025, and retirements after FY2024 (which FY2025's target forbids
        // once it is set, and which forbids setting it once retired).
        List<Response> answers = race(i -> () -> switch (i % 3) {
            case 0 -> put(definition(100 + i));
            case 1 -> given().contentType(ContentType.JSON)
                    .body("{\"fiscalYear\":2025,\"comparator\":\"AT_LEAST\",\"value\":" + (200 + i) + "}")
                    .put("/api/v1/indicators/{code}/targets/2025", code);
            default -> given().contentType(ContentType.JSON).body("{\"lastFiscalYear\":2024}")
                    .post("/api/v1/indicators/{code}/retire", code);
        });

        assertThat(answers.stream().map(Response::statusCode)).allSatisfy(status -> assertThat(status).isIn(200, 422));
        int versions = given().get("/api/v1/indicators/{code}", code).then().statusCode(200).extract().path("version");
        assertVersions(versions);
    }

    /** The indicator's versions are 1 to the given one, each once. */
    /** The racers' answers made versions 2 … RACERS + 1, one each, all kept: the answer that made the last. */
    private Response eachAVersionAfterTheFirst(List<Response> answers) {
        assertThat(answers.stream().map(a -> a.jsonPath().getInt("version")).sorted().toList())
                .isEqualTo(IntStream.rangeClosed(2, RACERS + 1).boxed().toList());
        assertVersions(RACERS + 1);
        return answers.stream().filter(a -> a.jsonPath().getInt("version") == RACERS + 1).findFirst().orElseThrow();
    }

    private void assertVersions(int latest) {
        List<Integer> versions = given().get("/api/v1/indicators/{code}/versions", code).then().statusCode(200)
                .extract().jsonPath().getList("version", Integer.class);
        assertThat(versions).isEqualTo(IntStream.rangeClosed(1, latest).boxed().toList());
    }

    /** Sends RACERS requests at once and returns their answers; none may be a 5xx. */
    private List<Response> race(IntFunction<Callable<Response>> request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> racers = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            Callable<Response> call = request.apply(i);
            racers.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<Response> answers = new ArrayList<>();
        for (Future<Response> racer : racers) {
            answers.add(racer.get());
        }
        assertThat(answers.stream().filter(a -> a.statusCode() >= 500).map(a -> a.statusCode() + " " + a.asString()))
                .isEmpty();
        return answers;
    }

    private Response put(String body) {
        return given().contentType(ContentType.JSON).body(body).put("/api/v1/indicators/{code}", code);
    }

    private String definition(int target) {
        return """
                {"code":"%s","nameJa":"競合","unit":"cases","department":"d","planItemId":"%s","aggregation":"SUM",
                 "targets":[{"fiscalYear":2024,"comparator":"AT_LEAST","value":%d}]}""".formatted(code, planItemId, target);
    }
}
