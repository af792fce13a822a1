package org.kpisuite.indicator.domain;

import java.io.Serializable;
import java.math.BigDecimal;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.kpisuite.events.IndicatorEvent.BaselineFormula;
import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.events.IndicatorEvent.Condition;
import org.kpisuite.events.IndicatorEvent.Scope;

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

    @Column(name = "value_numerator", precision = 24, scale = 6)
    public BigDecimal valueNumerator;

    @Column(name = "value_denominator", precision = 24, scale = 6)
    public BigDecimal valueDenominator;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Scope scope = Scope.FISCAL_YEAR;

    @Column(name = "since_fiscal_year")
    public Integer sinceFiscalYear;

    @Column(name = "baseline_fiscal_year")
    public Integer baselineFiscalYear;

    @Column(name = "baseline_value", precision = 24, scale = 6)
    public BigDecimal baselineValue;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Condition> conditions = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public BaselineFormula formula;

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
