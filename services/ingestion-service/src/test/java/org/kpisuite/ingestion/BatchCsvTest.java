package org.kpisuite.ingestion;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.ValidatableResponse;

/** CSV as departments save it from Excel: UTF-8 with a BOM, or Shift_JIS; header names in any case. */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class BatchCsvTest extends OwnIndicatorTests {

    private static final String NOTE = "アクセスログより（速報値）";

    @Override
    List<String> breakdownValues() {
        return List.of("東京", "大阪");
    }

    @Test
    void utf8WithBom() throws Exception {
        String csv = "IndicatorCode,BREAKDOWN,department,Month,value,note,reason\r\n"
                + code + ",東京,digital-talent,2024-05,120,\"" + NOTE + ", 確認済\",\r\n"
                + code + ",大阪,digital-talent,2024-05,80,,\r\n";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
        body.write(csv.getBytes(StandardCharsets.UTF_8));
        post(body.toByteArray(), "text/csv", "").statusCode(200)
                .body("created", equalTo(2)).body("rejected", equalTo(0)).body("mode", equalTo("ATOMIC"));
        expectNote("東京", "2024-05", NOTE + ", 確認済");
    }

    @Test
    void shiftJisAsExcelSavesIt() throws Exception {
        String csv = "indicatorcode,component,breakdown,department,month,value,note,reason\r\n"
                + code + ",,大阪,digital-talent,2024-06,75," + NOTE + ",\r\n";
        byte[] sjis = new String(csv.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                .getBytes(Charset.forName("windows-31j"));
        post(sjis, "text/csv", "").statusCode(200).body("created", equalTo(1));
        expectNote("大阪", "2024-06", NOTE);

        // The same bytes with the charset named explicitly.
        String correction = csv.replace("2024-06,75", "2024-06,76").replace(NOTE + ",", NOTE + ",再集計");
        post(correction.getBytes(Charset.forName("windows-31j")), "text/csv; charset=Shift_JIS", "")
                .statusCode(200).body("corrected", equalTo(1));
    }

    @Test
    void nonNumericValueAndMissingColumnsAreRejected() {
        String csv = "indicatorCode,department,month,value\n"
                + code + ",digital-talent,2024-07,12\n"
                + "\n"
                + code + ",digital-talent,2024-08,twelve\n"
                + code + ",digital-talent,2024-09,\n";
        post(csv.getBytes(StandardCharsets.UTF_8), "text/csv", "?mode=row_by_row").statusCode(200)
                .body("mode", equalTo("ROW_BY_ROW"))
                .body("created", equalTo(0)).body("rejected", equalTo(3))
                .body("rejections.row", equalTo(List.of(1, 2, 3)))
                .body("rejections.field", equalTo(List.of("breakdown", "value", "value")))
                .body("rejections[1].reason", containsString("twelve"));

        post("indicatorCode,department,value\n".getBytes(StandardCharsets.UTF_8), "text/csv", "")
                .statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("header"))
                .body("detail", containsString("month"));
        post("a,b\n".getBytes(StandardCharsets.UTF_8), "text/csv", "?mode=SOMETIMES")
                .statusCode(400).body("violations[0].field", equalTo("mode"));
    }

    @Test
    void dryRunCsvStoresNothing() {
        String csv = "indicatorCode,breakdown,department,month,value\n" + code + ",東京,digital-talent,2024-10,5\n";
        post(csv.getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8", "?dryRun=true").statusCode(200)
                .body("dryRun", equalTo(true)).body("created", equalTo(1));
        given().queryParam("indicatorCode", code).get("/api/v1/measurements").then().body("$", hasSize(1));
    }

    private static ValidatableResponse post(byte[] body, String contentType, String query) {
        return given().config(RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType(contentType).body(body).post("/api/v1/measurements/batch" + query).then();
    }

    private void expectNote(String breakdown, String month, String note) {
        given().queryParam("indicatorCode", code).get("/api/v1/measurements").then().statusCode(200)
                .body("find { it.breakdown == '" + breakdown + "' && it.month == '" + month + "' }.note", equalTo(note));
    }
}
