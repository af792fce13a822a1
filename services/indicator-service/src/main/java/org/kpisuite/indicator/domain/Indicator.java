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

import org.kpisuite.events.IndicatorEvent.Aggregation;

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

    @Column(nullable = false)
    public boolean retired;

    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @OneToMany(mappedBy = "indicatorCode", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("fiscalYear")
    public List<IndicatorTarget> targets = new ArrayList<>();

    public Optional<IndicatorTarget> targetFor(int fiscalYear) {
        return targets.stream().filter(t -> t.fiscalYear == fiscalYear).findFirst();
    }

    /** Indicators with a target in the fiscal year, or all of them when no year is given. */
    public static List<Indicator> listForFiscalYear(Integer fiscalYear) {
        return fiscalYear == null
                ? list("order by code")
                : list("select i from Indicator i where exists (select 1 from IndicatorTarget t "
                        + "where t.indicatorCode = i.code and t.fiscalYear = ?1) order by i.code", fiscalYear);
    }
}
