package org.kpisuite.indicator.domain;

import java.io.Serializable;
import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.kpisuite.events.IndicatorEvent.Comparator;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The target of one indicator in one fiscal year. */
@Entity
@Table(name = "indicator_target")
@IdClass(IndicatorTarget.Key.class)
public class IndicatorTarget extends PanacheEntityBase {

    @Id
    @Column(name = "indicator_code")
    public String indicatorCode;

    @Id
    @Column(name = "fiscal_year")
    public int fiscalYear;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Comparator comparator;

    /** Absent for a reference-only indicator, which is tracked but never rated. */
    @Column(precision = 24, scale = 6)
    public BigDecimal value;

    /** The value without the database's trailing zeros: 300000, not 300000.000000. */
    public BigDecimal plainValue() {
        return value == null ? null : value.stripTrailingZeros();
    }

    public static class Key implements Serializable {
        public String indicatorCode;
        public int fiscalYear;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(indicatorCode, k.indicatorCode)
                    && fiscalYear == k.fiscalYear;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(indicatorCode, fiscalYear);
        }
    }
}
