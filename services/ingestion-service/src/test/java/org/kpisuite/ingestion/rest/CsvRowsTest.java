package org.kpisuite.ingestion.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kpisuite.ingestion.service.BatchRow;
import org.kpisuite.problem.ProblemException;

class CsvRowsTest {

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() {
        assertThat(CsvRows.parse("a,\"b,1\",\"say \"\"hi\"\"\"\r\n\r\nx,\"multi\nline\",\n"))
                .containsExactly(List.of("a", "b,1", "say \"hi\""), List.of("x", "multi\nline", ""));
    }

    @Test
    void encodingIsDetected() {
        String text = "月次,値";
        byte[] bom = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
        assertThat(CsvRows.decode(bom, null)).isEqualTo(text);
        assertThat(CsvRows.decode(text.getBytes(StandardCharsets.UTF_8), null)).isEqualTo(text);
        assertThat(CsvRows.decode(text.getBytes(CsvRows.WINDOWS_31J), null)).isEqualTo(text);
        assertThat(CsvRows.decode(text.getBytes(CsvRows.WINDOWS_31J), "Shift_JIS")).isEqualTo(text);
        assertThatThrownBy(() -> CsvRows.decode(new byte[0], "klingon")).isInstanceOf(ProblemException.class);
    }

    @Test
    void rowsAreNumberedFromOneAndNonNumbersAreRejected() {
        List<BatchRow> rows = CsvRows.read(("VALUE,Month,department,indicatorCode\n1.5,2024-05,d,c\n\"1,00\",2024-06,d,c\n")
                .getBytes(StandardCharsets.UTF_8), null, 50_000);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).row()).isEqualTo(1);
        assertThat(rows.get(0).request().value()).isEqualByComparingTo("1.5");
        assertThat(rows.get(1).unreadable().field()).isEqualTo("value");
    }

    @Test
    void periodsAndNumbersAsExcelSavesThem() {
        // A month as a date, as 2024/06, in Japanese; a quarter and a half by their Japanese names; the fiscal year;
        // numbers with thousands separators, quoted as Excel quotes them, and in full-width digits.
        List<BatchRow> rows = CsvRows.read(("indicatorCode,month,value\n"
                + "c,2024/6/1,\"25,200\"\n"
                + "c,2024/06,１２３４\n"
                + "c,2024年6月,-1,234.5\n"
                + "c,2024年度第1四半期,7\n"
                + "c,令和6年度上期,8\n"
                + "c,2024年度,9\n").getBytes(StandardCharsets.UTF_8), null, 50_000);
        assertThat(rows).extracting(r -> r.request() == null ? null : r.request().period())
                .containsExactly("2024-06", "2024-06", null, "2024-Q1", "2024-H1", "FY2024");
        assertThat(rows.get(0).request().value()).isEqualByComparingTo("25200");
        assertThat(rows.get(1).request().value()).isEqualByComparingTo("1234");
        // Unquoted, -1,234.5 is two cells: the row has more fields than the header.
        assertThat(rows.get(2).unreadable().field()).isEqualTo("row");
        assertThat(rows).allSatisfy(r -> assertThat(r.periodField()).isIn("month", null));
    }

    @Test
    void aCharsetLabelTheBytesContradictIsRefused() {
        byte[] utf8 = "indicatorCode,month,value,note\nc,2024-06,1,東京都\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CsvRows.read(utf8, "Shift_JIS", 10)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("UTF-8");
        assertThat(CsvRows.read(utf8, "utf-8", 10)).hasSize(1);
    }
}
