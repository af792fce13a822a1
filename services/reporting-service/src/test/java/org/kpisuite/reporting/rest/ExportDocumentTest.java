package org.kpisuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** What a BI tool reads in /q/openapi about every export: the same paging parameters, headers and 304. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class ExportDocumentTest {

    @Test
    void everyExportDocumentsItsPagingParametersHeadersAndNotModified() {
        JsonPath document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        Map<String, Object> paths = document.getMap("paths");
        List<String> exports = paths.keySet().stream().filter(p -> p.startsWith("/api/v1/exports/")).sorted().toList();
        assertThat(exports).containsExactly("/api/v1/exports/budget-lines", "/api/v1/exports/facts", "/api/v1/exports/plan", "/api/v1/exports/progress");
        for (String path : exports) {
            String get = "paths.'" + path + "'.get";
            assertThat(document.getList(get + ".parameters.name", String.class)).as(path)
                    .contains("limit", "cursor", "format", "bom");
            assertThat(document.getString(get + ".parameters.find { it.name == 'limit' }.schema.maximum")).as(path)
                    .isEqualTo("10000");
            assertThat(document.getMap(get + ".responses.'200'.headers")).as(path)
                    .containsKeys("ETag", "Link", "X-Next-Cursor");
            assertThat(document.getMap(get + ".responses")).as(path).containsKeys("200", "304", "400");
        }
    }
}
