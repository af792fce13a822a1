package org.kpisuite.plan.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One version of a measure as it was published, with who made the change, when, and what kind of change it was. */
@Entity
@Table(name = "measure_change")
@IdClass(MeasureChange.Key.class)
public class MeasureChange extends PanacheEntityBase {

    /** What a version changed. */
    public enum Change {
        CREATED, TREE, STATUS, MILESTONES, MILESTONE_DONE, REMOVED
    }

    public static class Key implements Serializable {
        public UUID measureId;
        public long version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(measureId, k.measureId) && version == k.version;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(measureId, version);
        }
    }

    @Id
    @Column(name = "measure_id")
    public UUID measureId;

    @Id
    public long version;

    @Column(nullable = false)
    public String change;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    /** The published state (the event's data). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String state;

    public static List<MeasureChange> of(UUID measureId) {
        return list("measureId = ?1 order by version", measureId);
    }
}
