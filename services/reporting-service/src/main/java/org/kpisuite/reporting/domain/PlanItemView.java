package org.kpisuite.reporting.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "plan_item_view")
public class PlanItemView extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "plan_code", nullable = false)
    public String planCode;

    @Column(nullable = false)
    public String code;

    @Column(name = "parent_id")
    public UUID parentId;

    @Column(name = "name_ja", nullable = false)
    public String nameJa;

    @Column(name = "name_en")
    public String nameEn;

    @Column(nullable = false)
    public boolean removed;

    @Column(name = "sort_order", nullable = false)
    public int sortOrder;

    @Column(name = "important_initiative", nullable = false)
    public boolean importantInitiative;

    /** The agency of the item's plan; null when its events did not say. */
    public String agency;

    /** The fiscal year of the item's plan; null when its events did not say. */
    @Column(name = "fiscal_year")
    public Integer fiscalYear;

    @Column(nullable = false)
    public long version;

    /** As {@link IndicatorView#firstKnown}: when reporting first knew the item (null: before V66). */
    @Column(name = "first_known")
    public Instant firstKnown;
}
