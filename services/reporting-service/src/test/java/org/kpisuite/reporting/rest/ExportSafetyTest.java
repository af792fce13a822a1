package org.kpisuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Exports are safe to open: no text cell of a CSV export starts a spreadsheet formula (OWASP CSV injection), in
 * any column, while numbers stay numbers; and the next-page Link never points at the client's Host header.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class ExportSafetyTest {

    /** What a spreadsheet runs as a formula: the first character of each, in ASCII and in full width. */
    static final List<String> FORMULAS = List.of("=HYPERLINK(\"http://evil.example\",\"x\")", "+1+cmd|' /C calc'!A0",
            "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "\uFF1DHYPERLINK(\"http://evil.example\")",
            "\uFF0B1+cmd|' /C calc'!A0", "\uFF0D2+3", "\uFF20SUM(A1:A9)");
    /** The first characters a text cell of an export must never start with. */
    private static final String FORMULA_STARTS = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20";

    private String code;

    @BeforeEach
    void indicatorWhoseTextIsAllFormulas() throws Exception {
        code = Codes.unique("safe");
        var breakdown = new IndicatorEvent.Breakdown("site", "=拠点", "@site", FORMULAS);
        SuiteEvents.indicator(new IndicatorEvent(code, FORMULAS.get(0),
                FORMULAS.get(7), FORMULAS.get(9), FORMULAS.get(2), UUID.randomUUID(), false, false,
                IndicatorEvent.Aggregation.SUM, List.of(), breakdown, false, 2024, null,
                List.of(new IndicatorEvent.Target(2024, IndicatorEvent.Comparator.AT_LEAST, new BigDecimal("10"))),
                false, 1, Instant.now()));
        await().atMost(Duration.ofSeconds(90)).until(() -> given().queryParam("fiscalYear", 2024)
                .get("/api/v1/progress/{code}", code).statusCode() == 200);
        for (String value : FORMULAS) {
            SuiteEvents.measurement(new MeasurementEvent(UUID.randomUUID(), code,
                    null, value, FORMULAS.get(2), "2024-05", new BigDecimal("-5.5"), 1, "\uFF1Dnote", null, "test",
                    Instant.parse("2024-06-07T01:00:00Z")));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("indicatorCode", code)
                .get("/api/v1/exports/facts").then().extract().jsonPath().getList("items").size() == FORMULAS.size());
    }

    static Stream<Arguments> exports() {
        return Stream.of(
                Arguments.of("/api/v1/exports/facts", Map.of("indicatorCode", "%s", "format", "csv")),
                Arguments.of("/api/v1/exports/facts", Map.of("indicatorCode", "%s", "format", "csv", "bom", "true")),
                Arguments.of("/api/v1/exports/progress", Map.of("fiscalYear", "2024", "asOf", "2025-05-31",
                        "format", "csv")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("exports")
    void noCellStartsAFormulaAndNumbersStayNumbers(String path, Map<String, String> query) throws Exception {
        var request = given();
        query.forEach((k, v) -> request.queryParam(k, v.replace("%s", code)));
        String csv = request.get(path).then().statusCode(200).extract().asString().replace("\uFEFF", "");
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            it.forEachRemaining(row -> {
                if (code.equals(row.get("indicatorCode"))) {
                    rows.add(row);
                }
            });
        }
        assertThat(rows).isNotEmpty();
        for (Map<String, String> row : rows) {
            row.forEach((column, cell) -> {
                if (!cell.isEmpty() && !isNumber(cell)) {
                    assertThat(FORMULA_STARTS.indexOf(cell.charAt(0))).as("%s: %s", column, cell).isLessThan(0);
                }
            });
            assertThat(row.get("indicatorNameJa")).isEqualTo("'" + FORMULAS.get(0));
            assertThat(row.get("department")).isEqualTo("'" + FORMULAS.get(2));
            assertThat(row.get("indicatorNameEn")).isEqualTo("'" + FORMULAS.get(7));
        }
        if (path.endsWith("facts")) {
            assertThat(rows).extracting(r -> r.get("value")).containsOnly("-5.5");
            assertThat(rows).extracting(r -> r.get("breakdown"))
                    .containsExactlyInAnyOrderElementsOf(FORMULAS.stream().map(f -> "'" + f).toList());
        } else {
            assertThat(rows).extracting(r -> r.get("target")).containsOnly("10");
            assertThat(rows).extracting(r -> r.get("actual")).containsOnly("-55");
        }
    }

    /** Host and forwarded headers from an untrusted client: the next link is a path, never their host. */
    static Stream<Arguments> spoofedHosts() {
        return Stream.of(
                Arguments.of("Host", "evil.example"),
                Arguments.of("Host", "evil.example:8443"),
                Arguments.of("X-Forwarded-Host", "evil.example"),
                Arguments.of("Forwarded", "host=evil.example;proto=https"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("spoofedHosts")
    void theNextLinkIgnoresTheClientsHost(String header, String value) {
        var answer = given().header(header, value).queryParam("indicatorCode", code).queryParam("limit", 2)
                .get("/api/v1/exports/facts").then().statusCode(200).extract();
        String link = answer.header("Link");
        assertThat(link).startsWith("</api/v1/exports/facts?").contains("cursor=").doesNotContain("evil.example");
    }

    @Test
    void neutraliseLeavesOrdinaryTextAlone() {
        assertThat(ExportCsv.neutralise("アクセス数")).isEqualTo("アクセス数");
        assertThat(ExportCsv.neutralise("a=b")).isEqualTo("a=b");
        assertThat(ExportCsv.cell(new BigDecimal("-5.50"))).isEqualTo(new BigDecimal("-5.5"));
        assertThat(ExportCsv.cell(-3)).isEqualTo(-3);
        for (String formula : FORMULAS) {
            assertThat(ExportCsv.neutralise(formula)).isEqualTo("'" + formula);
        }
    }

    private static boolean isNumber(String cell) {
        return cell.matches("-?\\d+(\\.\\d+)?");
    }

}
