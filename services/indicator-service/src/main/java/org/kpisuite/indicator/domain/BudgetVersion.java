package org.kpisuite.indicator.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One version of a fiscal year's budget, as the full state that was published. Versions are never changed. */
@Entity
@Table(name = "budget_version")
@IdClass(BudgetVersion.Key.class)
public class BudgetVersion extends PanacheEntityBase {

    @Id
    @Column(name = "fiscal_year")
    public int fiscalYear;

    @Id
    public long version;

    /** The BudgetEvent as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String state;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    @Column(name = "changed_by")
    public String changedBy;

    public static List<BudgetVersion> of(int fiscalYear) {
        return list("fiscalYear = ?1 order by version", fiscalYear);
    }

    public static Optional<BudgetVersion> latest(int fiscalYear) {
        return find("fiscalYear = ?1 order by version desc", fiscalYear).firstResultOptional();
    }

    public static class Key implements Serializable {
        public int fiscalYear;
        public long version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && fiscalYear == k.fiscalYear && version == k.version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(fiscalYear, version);
        }
    }
}
