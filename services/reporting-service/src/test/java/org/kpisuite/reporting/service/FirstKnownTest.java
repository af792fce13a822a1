package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** When reporting first knew a definition, as reviews use it: never later than it was, never guessed. */
class FirstKnownTest {

    private static final Instant MAY = Instant.parse("2024-05-10T00:00:00Z");
    private static final Instant APRIL_NEXT = Instant.parse("2025-04-01T00:00:00Z");

    @Test
    void aFirstVersionReceivedFirstGivesItsOwnTime() {
        assertThat(ReadModelProjection.firstKnown(null, MAY, 0, 1)).isEqualTo(MAY);
    }

    @Test
    void aLaterVersionReceivedFirstCannotTellAndCountsAsKnownBeforeEveryReview() {
        // A new database reads the compacted topic: the indicator's v3 of next April, not its v1 of May.
        assertThat(ReadModelProjection.firstKnown(null, APRIL_NEXT, 0, 3)).isNull();
    }

    @Test
    void aHeldTimeOnlyMovesEarlier() {
        assertThat(ReadModelProjection.firstKnown(MAY, APRIL_NEXT, 1, 2)).isEqualTo(MAY);
        assertThat(ReadModelProjection.firstKnown(APRIL_NEXT, MAY, 2, 2)).isEqualTo(MAY);
        assertThat(ReadModelProjection.firstKnown(null, MAY, 2, 3)).isNull();
    }
}
