package org.kpisuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kpisuite.devstack.CatalogLoader;
import org.kpisuite.devstack.SuiteServices;
import org.kpisuite.testing.LocalTokens;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The FY2024 catalog loaded through the public APIs, and reporting exact about its kinds of target. */
class CatalogEndToEndTest {

    /** INDICATORS.md: the FY2024 target of each indicator (null: reference only). */
    private static final Map<String, String> TARGETS = new LinkedHashMap<>();

    static {
        TARGETS.put("arch-design-points", "40");
        TARGETS.put("mitou-alumni-outcomes", "22");
        TARGETS.put("dx-self-diagnosis-orgs", "220");
        TARGETS.put("dss-itss-accesses", "261438");
        TARGETS.put("manabi-dx-accesses", "300000");
        TARGETS.put("it-exam-applicants", "544090");
        TARGETS.put("natsec-satisfaction", "0.666667");
        TARGETS.put("cabinet-liaison-offices", null);
        TARGETS.put("overseas-partner-agencies", "7");
        TARGETS.put("partner-organisations", "10");
        TARGETS.put("ics-alumni-activities", "360");
        TARGETS.put("ipa-dx-maturity", "2.2");
        TARGETS.put("admin-cost-efficiency", "-0.03");
        TARGETS.put("operating-cost-efficiency", "-0.01");
        TARGETS.put("contract-committee-meetings", "2");
        TARGETS.put("regional-investment-gain", "100");
        TARGETS.put("web-article-count", "2500");
    }

    private static SuiteUnderTest suite;
    private static CatalogLoader.Summary firstLoad;

    @BeforeAll
    static void loadCatalog() throws Exception {
        suite = SuiteUnderTest.shared();
        firstLoad = loader().load(suite.root().resolve("deploy/catalog/fy2024.yaml"));
    }

    @Test
    void all17Fy2024IndicatorsHaveTheTargetsOfThePlan() {
        assertThat(firstLoad.indicators()).containsOnlyKeys(TARGETS.keySet());
        JsonPath indicators = suite.as(LocalTokens.ADMIN, SuiteServices.INDICATOR).queryParam("fiscalYear", 2024)
                .get("/api/v1/indicators").then().statusCode(200).extract().jsonPath();
        Map<String, Object> targets = indicators.getList("findAll { it.code in ['" + String.join("','", TARGETS.keySet())
                + "'] }", Map.class).stream().collect(Collectors.toMap(i -> (String) i.get("code"),
                        i -> String.valueOf(((Map<?, ?>) ((List<?>) i.get("targets")).get(0)).get("value"))));
        assertThat(targets).hasSize(17);
        TARGETS.forEach((code, target) -> {
            if (target == null) {
                assertThat(targets.get(code)).as(code).isEqualTo("null");
            } else {
                assertThat(new BigDecimal((String) targets.get(code))).as(code).isEqualByComparingTo(target);
            }
        });
        assertThat(indicators.getInt("find { it.code == 'natsec-satisfaction' }.targets[0].valueDenominator")).isEqualTo(3);
        assertThat(indicators.getString("find { it.code == 'arch-design-points' }.targets[0].scope")).isEqualTo("CUMULATIVE");
        assertThat(indicators.getBoolean("find { it.code == 'cabinet-liaison-offices' }.referenceOnly")).isTrue();
    }

    @Test
    void loadingTheCatalogAgainChangesNothing() throws Exception {
        CatalogLoader.Summary again = loader().load(suite.root().resolve("deploy/catalog/fy2024.yaml"));
        assertThat(again.indicators().values()).containsOnly("UNCHANGED");
        assertThat(again.planImport().path("created").asInt()).isZero();
        assertThat(again.planImport().path("updated").asInt()).isZero();
        for (String kind : List.of("measures", "milestones")) {
            assertThat(again.planImport().path(kind).path("created").asInt()).as(kind).isZero();
            assertThat(again.planImport().path(kind).path("updated").asInt()).as(kind).isZero();
        }
    }

    /**
     * The whole tree down to every measure, as the catalog's header counts it (84 measures ①…, 35 texts ".0", 47
     * lettered sub-measures, 8 important initiatives, 66 milestones), each with its text, department and place.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theWholePlanDownToEveryMeasureIsLoaded() throws Exception {
        Map<String, Map<String, Object>> expected = new LinkedHashMap<>();
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(suite.root().resolve("deploy/catalog/fy2024.yaml").toFile());
        collect(yaml.path("plan").path("items"), expected);
        List<Map<String, Object>> stored = suite.as(LocalTokens.VIEWER, SuiteServices.PLAN)
                .queryParam("planCode", "IPA-FY2024").get("/api/v1/measures").then().statusCode(200).extract()
                .jsonPath().getList("$");
        Map<String, Map<String, Object>> byCode = stored.stream()
                .collect(Collectors.toMap(m -> (String) m.get("code"), m -> m));
        expected.forEach((code, want) -> {
            Map<String, Object> got = byCode.get(code);
            assertThat(got).as(code).isNotNull();
            want.forEach((field, value) -> assertThat(got.get(field)).as(code + " " + field).isEqualTo(value));
        });
        long numbered = expected.values().stream().filter(m -> "MEASURE".equals(m.get("kind"))
                && !String.valueOf(m.get("code")).matches(".*\\.0$") && !((String) m.get("code")).matches(".*\\.[a-z]$")).count();
        long texts = expected.keySet().stream().filter(c -> c.matches(".*\\.0$")).count();
        long lettered = expected.keySet().stream().filter(c -> c.matches(".*\\.[a-z]$")).count();
        long initiatives = expected.values().stream().filter(m -> "INITIATIVE".equals(m.get("kind"))).count();
        assertThat(List.of(numbered, texts, lettered, initiatives)).containsExactly(84L, 35L, 47L, 8L);
        long milestones = stored.stream().filter(m -> expected.containsKey(m.get("code")))
                .mapToLong(m -> ((List<?>) m.get("milestones")).stream()
                        .filter(x -> !String.valueOf(((Map<?, ?>) x).get("code")).contains("BROWSER")).count()).sum();
        assertThat(milestones).isEqualTo(66);
    }

    /** Every measure and initiative of the catalog's items, by code, with what plan-service must answer for it. */
    private static void collect(com.fasterxml.jackson.databind.JsonNode items, Map<String, Map<String, Object>> into) {
        for (var item : items) {
            for (String list : List.of("initiatives", "measures")) {
                for (var m : item.path(list)) {
                    into.put(m.path("code").asText(), Map.of("kind", list.equals("initiatives") ? "INITIATIVE" : "MEASURE",
                            "planItemCode", item.path("code").asText(), "textJa", m.path("textJa").asText(),
                            "department", m.path("department").asText(), "code", m.path("code").asText()));
                    for (var sub : m.path("measures")) {
                        into.put(sub.path("code").asText(), Map.of("kind", "MEASURE", "planItemCode",
                                item.path("code").asText(), "textJa", sub.path("textJa").asText(),
                                "department", sub.path("department").asText(), "code", sub.path("code").asText()));
                    }
                }
            }
            collect(item.path("items"), into);
        }
    }

    @Test
    void reportingIsExactAboutARatioAndACumulativeTargetWithDomains() {
        // 18 top answers of 27 is exactly 2/3: achieved, not missed by a rounding. The survey is annual: FY2024.
        submit("natsec-satisfaction", "security", "\"numerator\"", null, "FY2024", "18");
        submit("natsec-satisfaction", "security", "\"denominator\"", null, "FY2024", "27");
        // 22 points in FY2023 over 3 domains and 20 in FY2024 over 2 more: 42 ≥ 40 in 5 domains.
        submit("arch-design-points", "architecture", null, "\"autonomous-mobile-robots\"", "2023-06", "10");
        submit("arch-design-points", "architecture", null, "\"spatial-information\"", "2023-11", "8");
        submit("arch-design-points", "architecture", null, "\"supply-chain\"", "2024-02", "4");
        submit("arch-design-points", "architecture", null, "\"contracts-payments\"", "2024-10", "11");
        submit("arch-design-points", "architecture", null, "\"smart-buildings\"", "2025-01", "9");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath natsec = progress("natsec-satisfaction");
            assertThat(natsec.getString("status")).isEqualTo("ACHIEVED");
            assertThat(new BigDecimal(natsec.getString("achievementRate"))).isEqualByComparingTo("1");
            assertThat(natsec.getString("grade")).isEqualTo("B");
            JsonPath arch = progress("arch-design-points");
            assertThat(new BigDecimal(arch.getString("actual"))).isEqualByComparingTo("42");
            assertThat(arch.getInt("conditions[0].actual")).isEqualTo(5);
            assertThat(arch.getString("status")).isEqualTo("ACHIEVED");
        });

        List<String> listed = suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).queryParam("fiscalYear", 2024)
                .get("/api/v1/progress").then().statusCode(200).extract().jsonPath().getList("indicatorCode");
        assertThat(listed).containsAll(TARGETS.keySet());
        assertThat(progress("cabinet-liaison-offices").getString("status")).isEqualTo("NOT_RATED");
    }

    private static JsonPath progress(String code) {
        return suite.as(LocalTokens.VIEWER, SuiteServices.REPORTING).queryParam("fiscalYear", 2024)
                .get("/api/v1/progress/{code}", code).then().statusCode(200).extract().jsonPath();
    }

    private static void submit(String code, String department, String component, String breakdown, String month,
            String value) {
        String body = """
                {"indicatorCode":"%s","component":%s,"breakdown":%s,"department":"%s","period":"%s","value":%s}
                """.formatted(code, component, breakdown, department, month, value);
        await().atMost(Duration.ofSeconds(60)).until(() -> suite.as(LocalTokens.ADMIN, SuiteServices.INGESTION)
                .contentType(ContentType.JSON).body(body).post("/api/v1/measurements").statusCode() == 201);
    }

    private static CatalogLoader loader() {
        return new CatalogLoader(suite.url(SuiteServices.PLAN), suite.url(SuiteServices.INDICATOR),
                suite.token(LocalTokens.ADMIN));
    }
}
