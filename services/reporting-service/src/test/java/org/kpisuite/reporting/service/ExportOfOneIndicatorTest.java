package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.reporting.service.ExportService.FactQuery;
import org.kpisuite.testing.Codes;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TestIndicators;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The export of one indicator finds each key's latest revision through the values in force; it must show what the
 * export of every key shows, whatever the corrections, and read the history while a rebuild replays it.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class ExportOfOneIndicatorTest {

    @Inject
    ExportService exports;

    @Inject
    EntityManager entityManager;

    @Test
    void oneIndicatorShowsWhatEveryKeyShowsAndReadsTheHistoryDuringARebuild() throws Exception {
        String code = Codes.unique("one");
        SuiteEvents.indicator(TestIndicators.manabi(code, true, "300000"));
        Instant t = Instant.parse("2024-06-10T00:00:00Z");
        // April corrected twice, the second correction arriving before the first; May once; June reported once.
        value(code, "2024-04", "10", 1, t);
        value(code, "2024-04", "30", 3, t.plusSeconds(300));
        value(code, "2024-04", "20", 2, t.plusSeconds(200));
        value(code, "2024-05", "5", 1, t.plusSeconds(10));
        value(code, "2024-05", "6", 2, t.plusSeconds(20));
        value(code, "2024-06", "7", 1, t.plusSeconds(30));
        value(code, "2025-04", "8", 1, t.plusSeconds(40));
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(code, null).size() == 4
                && rows(code, null).stream().mapToInt(ExportFact::revision).sum() == 7);

        List<ExportFact> one = rows(code, 2024);
        assertThat(one).extracting(ExportFact::month, ExportFact::revision, ExportFact::value)
                .containsExactly(tuple("2024-05", 2, new BigDecimal("6")), tuple("2024-06", 1, new BigDecimal("7")),
                        tuple("2024-04", 3, new BigDecimal("30")));
        assertThat(one.get(2).recordedAt()).isEqualTo(t);
        assertThat(one.get(2).updatedAt()).isEqualTo(t.plusSeconds(300));
        assertThat(one).isEqualTo(QuarkusTransaction.requiringNew().call(() -> everyKeyOf(code, 2024)));
        // Page by page, and an incremental pull: the same rows.
        List<ExportFact> paged = new ArrayList<>();
        ExportService.FactKey after = null;
        do {
            var page = page(new FactQuery(2024, code, null, after, 1));
            paged.addAll(page.rows());
            after = page.next();
        } while (after != null);
        assertThat(paged).isEqualTo(one);
        assertThat(page(new FactQuery(null, code, t.plusSeconds(25), null, 100)).rows())
                .extracting(ExportFact::month).containsExactly("2024-06", "2025-04", "2024-04");

        // While a rebuild replays, the history is newer than the values in force: the export reads the history. Rolled
        // back, so nothing of it stays (and consumers wait on the state row only for this short while).
        QuarkusTransaction.begin();
        try {
            entityManager.createNativeQuery("""
                    insert into measurement_revision (indicator_code, component, breakdown, department, period,
                        revision, fiscal_year, value, measurement_id, recorded_at)
                    values (:code, '', '', 'digital-talent', '2024-06', 2, 2024, 70, gen_random_uuid(), :at)""")
                    .setParameter("code", code).setParameter("at", t.plusSeconds(400).atOffset(ZoneOffset.UTC))
                    .executeUpdate();
            assertThat(exports.facts(query(code, 2024)).rows()).extracting(ExportFact::month, ExportFact::revision)
                    .as("the values in force, outside a rebuild").contains(tuple("2024-06", 1));
            entityManager.createNativeQuery("update read_model_state set rebuild_id = gen_random_uuid() where id = 1")
                    .executeUpdate();
            assertThat(exports.facts(query(code, 2024)).rows())
                    .extracting(ExportFact::month, ExportFact::revision, ExportFact::value)
                    .containsExactly(tuple("2024-05", 2, new BigDecimal("6")),
                            tuple("2024-04", 3, new BigDecimal("30")), tuple("2024-06", 2, new BigDecimal("70")));
        } finally {
            QuarkusTransaction.rollback();
        }
        assertThat(rows(code, 2024)).isEqualTo(one);
    }

    private static FactQuery query(String code, Integer fiscalYear) {
        return new FactQuery(fiscalYear, code, null, null, 100);
    }

    private List<ExportFact> rows(String code, Integer fiscalYear) {
        return page(query(code, fiscalYear)).rows();
    }

    private ExportService.FactPage page(FactQuery query) {
        return QuarkusTransaction.requiringNew().call(() -> exports.facts(query));
    }

    /** The indicator's rows in the export of every key of the year, page by page, in the export's order. */
    private List<ExportFact> everyKeyOf(String code, int fiscalYear) {
        List<ExportFact> rows = new ArrayList<>();
        ExportService.FactKey after = null;
        do {
            var page = exports.facts(new FactQuery(fiscalYear, null, null, after, 1_000));
            page.rows().stream().filter(f -> f.indicatorCode().equals(code)).forEach(rows::add);
            after = page.next();
        } while (after != null);
        return rows;
    }

    private static void value(String code, String month, String value, int revision, Instant recordedAt)
            throws Exception {
        SuiteEvents.measurement(new MeasurementEvent(UUID.randomUUID(), code, null, null, "digital-talent", month,
                new BigDecimal(value), revision, null, revision > 1 ? "recount" : null, "test", recordedAt));
    }
}
