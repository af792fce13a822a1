package org.kpisuite.indicator.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One version of finance's cause analysis (要因分析) of a budget line in a fiscal year, and the response. */
@Entity
@Table(name = "budget_analysis")
@IdClass(BudgetAnalysis.Key.class)
public class BudgetAnalysis extends PanacheEntityBase {

    @Id
    @Column(name = "fiscal_year")
    public int fiscalYear;

    @Id
    @Column(name = "line_code")
    public String lineCode;

    @Id
    public long version;

    @Column(nullable = false)
    public String cause;

    @Column(nullable = false)
    public String response;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "recorded_by")
    public String recordedBy;

    public static List<BudgetAnalysis> of(int fiscalYear, String lineCode) {
        return list("fiscalYear = ?1 and lineCode = ?2 order by version", fiscalYear, lineCode);
    }

    public static class Key implements Serializable {
        public int fiscalYear;
        public String lineCode;
        public long version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && fiscalYear == k.fiscalYear && version == k.version
                    && Objects.equals(lineCode, k.lineCode);
        }

        @Override
        public int hashCode() {
            return Objects.hash(fiscalYear, lineCode, version);
        }
    }
}
