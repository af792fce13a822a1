package org.kpisuite.plan.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.kpisuite.events.CommentaryEvent.ReviewPeriod;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One revision of a measure's progress commentary for a review period; a change is a new revision. */
@Entity
@Table(name = "commentary")
@IdClass(Commentary.Key.class)
public class Commentary extends PanacheEntityBase {

    public static class Key implements Serializable {
        public UUID measureId;
        public ReviewPeriod period;
        public int revision;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(measureId, k.measureId) && period == k.period
                    && revision == k.revision;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(measureId, period, revision);
        }
    }

    @Id
    @Column(name = "measure_id")
    public UUID measureId;

    @Id
    @Enumerated(EnumType.STRING)
    public ReviewPeriod period;

    @Id
    public int revision;

    public String done;

    public String problems;

    @Column(name = "next_steps")
    public String nextSteps;

    @Column(nullable = false, columnDefinition = "text[]")
    public String[] evidence = new String[0];

    public String reason;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** The latest revision of the measure's commentary for the period. */
    public static Optional<Commentary> latest(UUID measureId, ReviewPeriod period) {
        return find("measureId = ?1 and period = ?2 order by revision desc", measureId, period).firstResultOptional();
    }

    /** Plan order: the first half before the year end, then revision by revision. */
    private static final java.util.Comparator<Commentary> ORDER = java.util.Comparator
            .comparing((Commentary c) -> c.period.ordinal()).thenComparingInt(c -> c.revision);

    /** Every revision of the measure's commentary, by period (H1, FY) then revision. */
    public static List<Commentary> of(UUID measureId) {
        return Commentary.<Commentary>list("measureId", measureId).stream().sorted(ORDER).toList();
    }

    /** The latest revision of every period of each of the measures. */
    public static List<Commentary> latestOf(java.util.Collection<UUID> measureIds) {
        if (measureIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createQuery("""
                select x from Commentary x where x.measureId in :ids and x.revision = (select max(c.revision)
                    from Commentary c where c.measureId = x.measureId and c.period = x.period)
                """, Commentary.class).setParameter("ids", measureIds).getResultStream().sorted(ORDER).toList();
    }

    public static long countOf(UUID measureId) {
        return count("measureId", measureId);
    }
}
