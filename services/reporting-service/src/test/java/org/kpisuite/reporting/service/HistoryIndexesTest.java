package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.kpisuite.testing.SuiteInfrastructure;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A rebuild drops the history's secondary indexes as they are, records them, and builds each again from its record
 * at its end; a replica that takes the rebuild over and drops them again loses none.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class HistoryIndexesTest {

    @Inject
    MeasurementProjection measurements;

    @Inject
    EntityManager entityManager;

    /** Thrown to roll the test's transaction back. */
    private static final class RolledBack extends RuntimeException {
    }

    @Test
    void aRebuildTakenOverDropsTheIndexesOnceAndBuildsEachAgainFromItsRecord() {
        List<String> before = QuarkusTransaction.requiringNew().call(this::indexes);
        assertThat(before).hasSize(3);
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            measurements.dropHistoryIndexes();
            measurements.dropHistoryIndexes(); // a takeover of the rebuild
            assertThat(indexes()).containsExactly(
                    "CREATE UNIQUE INDEX measurement_revision_pkey ON public.measurement_revision USING btree "
                            + "(indicator_code, component, breakdown, department, period, revision)");
            assertThat(recorded()).containsExactlyInAnyOrderElementsOf(before.subList(1, 3));

            measurements.deriveFromHistory();
            assertThat(indexes()).isEqualTo(before);
            assertThat(recorded()).isEmpty();
            throw new RolledBack();
        })).isInstanceOf(RolledBack.class);
        assertThat(QuarkusTransaction.requiringNew().call(this::indexes)).isEqualTo(before);
    }

    /** The history's indexes, the primary key's first. */
    @SuppressWarnings("unchecked")
    private List<String> indexes() {
        return entityManager.createNativeQuery("""
                select pg_get_indexdef(i.indexrelid) from pg_index i join pg_class c on c.oid = i.indexrelid
                where i.indrelid = 'measurement_revision'::regclass order by not i.indisprimary, c.relname""")
                .getResultList();
    }

    @SuppressWarnings("unchecked")
    private List<String> recorded() {
        return entityManager.createNativeQuery("select definition from rebuild_dropped_index").getResultList();
    }
}
