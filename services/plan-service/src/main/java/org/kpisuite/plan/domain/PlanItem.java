package org.kpisuite.plan.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A node of a plan's tree: a chapter, an item or a measure, with the plan's own code (e.g. I.2.(3-1)①). */
@Entity
@Table(name = "plan_item")
public class PlanItem extends PanacheEntityBase {

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

    @Column(name = "sort_order", nullable = false)
    public int sortOrder;

    @Column(name = "important_initiative", nullable = false)
    public boolean importantInitiative;

    /** Incremented on every change; consumers keep the highest version they have seen. */
    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The subject of the token that last changed the item; null for items written before tokens. */
    @Column(name = "changed_by")
    public String changedBy;

    public static Optional<PlanItem> findByCode(String planCode, String code) {
        return find("planCode = ?1 and code = ?2", planCode, code).firstResultOptional();
    }

    public static List<PlanItem> listByPlan(String planCode) {
        return planCode == null
                ? list("order by planCode, code")
                : list("planCode = ?1 order by code", planCode);
    }

    /** Codes of the item's children, in tree order. */
    public static List<String> childCodes(UUID parentId) {
        return getEntityManager()
                .createQuery("select i.code from PlanItem i where i.parentId = :parent order by i.sortOrder, i.code",
                        String.class)
                .setParameter("parent", parentId)
                .getResultList();
    }

    public static long countByPlan(String planCode) {
        return count("planCode", planCode);
    }

    /** Marks a change: consumers keep the highest version, so every published state needs a new one. */
    public void touch(String actor) {
        version++;
        updatedAt = Instant.now();
        changedBy = actor;
    }
}
