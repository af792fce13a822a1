package org.kpisuite.plan.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.kpisuite.events.MeasureEvent.Kind;
import org.kpisuite.events.MeasureEvent.Status;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A measure of a plan item (①, or a lettered sub-measure a. of one) or an important initiative, with its owning
 * department and status. Its milestones are {@link Milestone}s; every version is kept in {@link MeasureChange}.
 */
@Entity
@Table(name = "measure")
public class Measure extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "plan_code", nullable = false)
    public String planCode;

    @Column(nullable = false)
    public String code;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "plan_item_id", nullable = false)
    public UUID planItemId;

    /** The measure a lettered sub-measure belongs to; null otherwise. */
    @Column(name = "parent_id")
    public UUID parentId;

    public String marker;

    @Column(name = "title_ja")
    public String titleJa;

    @Column(name = "text_ja", nullable = false)
    public String textJa;

    @Column(name = "name_en")
    public String nameEn;

    @Column(nullable = false)
    public String department;

    @Column(name = "sort_order", nullable = false)
    public int sortOrder;

    /** For an initiative: the codes of the plan items it concerns. */
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] concerns = new String[0];

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    public static Optional<Measure> findByCode(String planCode, String code) {
        return find("planCode = ?1 and code = ?2", planCode, code).firstResultOptional();
    }

    public static List<Measure> listByPlan(String planCode) {
        return list("planCode = ?1 order by code", planCode);
    }

    /** Marks a change: consumers keep the highest version, so every published state needs a new one. */
    public void touch(String actor) {
        version++;
        updatedAt = Instant.now();
        changedBy = actor;
    }
}
