package org.kpisuite.indicator.domain;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What indicator-service knows of a plan item, kept from {@code kpi.plan-items.v1}. */
@Entity
@Table(name = "plan_item_replica")
public class PlanItemReplica extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "plan_code", nullable = false)
    public String planCode;

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public boolean removed;

    /** The fiscal year of the item's plan; null for a row kept before V51 whose item has not changed since. */
    @Column(name = "fiscal_year")
    public Integer fiscalYear;

    @Column(nullable = false)
    public long version;
}
