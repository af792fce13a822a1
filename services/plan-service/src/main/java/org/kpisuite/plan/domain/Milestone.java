package org.kpisuite.plan.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A dated deliverable of a measure or initiative; published as part of its measure's state. */
@Entity
@Table(name = "milestone")
public class Milestone extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "measure_id", nullable = false)
    public UUID measureId;

    @Column(name = "plan_code", nullable = false)
    public String planCode;

    @Column(nullable = false)
    public String code;

    @Column(name = "name_ja", nullable = false)
    public String nameJa;

    @Column(name = "name_en")
    public String nameEn;

    @Column(nullable = false)
    public LocalDate due;

    @Column(name = "due_basis")
    public String dueBasis;

    @Column(name = "done_on")
    public LocalDate doneOn;

    @Column(name = "sort_order", nullable = false)
    public int sortOrder;

    public static List<Milestone> of(UUID measureId) {
        return list("measureId = ?1 order by sortOrder, code", measureId);
    }

    /** The milestones of many measures, in their order. */
    public static List<Milestone> ofAll(Collection<UUID> measureIds) {
        return measureIds.isEmpty() ? List.of()
                : list("measureId in ?1 order by measureId, sortOrder, code", measureIds);
    }
}
