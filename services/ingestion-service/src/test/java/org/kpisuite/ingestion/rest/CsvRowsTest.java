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
        List<BatchRow> rows = CsvRows.read(("VALUE,Month,department,indicatorCode\n1.5,2024-05,d,c\n\"1,000\",2024-06,d,c\n")
                .getBytes(StandardCharsets.UTF_8), null, 50_000);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).row()).isEqualTo(1);
        assertThat(rows.get(0).request().value()).isEqualByComparingTo("1.5");
        assertThat(rows.get(1).unreadable().field()).isEqualTo("value");
    }
}
