package org.kpisuite.indicator.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.Breakdown;
import org.kpisuite.events.IndicatorEvent.Direction;
import org.kpisuite.events.IndicatorEvent.Part;
import org.kpisuite.events.IndicatorEvent.Rule;
import org.kpisuite.fiscal.Frequency;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An evaluation indicator of a plan, with one target per fiscal year. */
@Entity
@Table(name = "indicator")
public class Indicator extends PanacheEntityBase {

    @Id
    public String code;

    @Column(name = "name_ja", nullable = false)
    public String nameJa;

    @Column(name = "name_en")
    public String nameEn;

    @Column(nullable = false)
    public String unit;

    @Column(nullable = false)
    public String department;

    @Column(name = "plan_item_id", nullable = false)
    public UUID planItemId;

    @Column(name = "core_target", nullable = false)
    public boolean coreTarget;

    @Column(name = "reference_only", nullable = false)
    public boolean referenceOnly;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Aggregation aggregation;

    /** numerator and denominator for a ratio; empty otherwise. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> components = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public Breakdown breakdown;

    @Column(name = "allows_negative", nullable = false)
    public boolean allowsNegative;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Frequency frequency = Frequency.MONTHLY;

    /** The parts of a SUM_OF_PARTS; empty otherwise. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Part> parts = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Rule> rules = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(name = "good_direction")
    public Direction goodDirection;

    @Column(name = "first_fiscal_year", nullable = false)
    public int firstFiscalYear;

    @Column(name = "last_fiscal_year")
    public Integer lastFiscalYear;

    @Column(nullable = false)
    public boolean retired;

    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The subject of the token that made this change; null for changes made before tokens. */
    @Column(name = "changed_by")
    public String changedBy;

    @OneToMany(mappedBy = "indicatorCode", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("fiscalYear")
    public List<IndicatorTarget> targets = new ArrayList<>();

    public Optional<IndicatorTarget> targetFor(int fiscalYear) {
        return targets.stream().filter(t -> t.fiscalYear == fiscalYear).findFirst();
    }

    public boolean activeIn(int fiscalYear) {
        return fiscalYear >= firstFiscalYear && (lastFiscalYear == null || fiscalYear <= lastFiscalYear);
    }

    /** Indicators active in the fiscal year (retired ones included for the years they were active), or all. */
    public static List<Indicator> listForFiscalYear(Integer fiscalYear) {
        return fiscalYear == null
                ? list("order by code")
                : list("firstFiscalYear <= ?1 and (lastFiscalYear is null or lastFiscalYear >= ?1) order by code",
                        fiscalYear);
    }
}
