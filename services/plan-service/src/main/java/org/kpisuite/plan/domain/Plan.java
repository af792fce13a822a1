package org.kpisuite.plan.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** An agency's plan for one fiscal year (e.g. IPA-FY2024), the root of a tree of {@link PlanItem}s. */
@Entity
@Table(name = "plan")
public class Plan extends PanacheEntityBase {

    @Id
    public String code;

    @Column(nullable = false)
    public String agency;

    @Column(name = "fiscal_year", nullable = false)
    public int fiscalYear;

    /** As the plan names it, e.g. "5th (FY2023–FY2027)"; the years below are what code relies on. */
    @Column(name = "mid_term_period")
    public String midTermPeriod;

    @Column(name = "mid_term_first_year")
    public Integer midTermFirstYear;

    @Column(name = "mid_term_last_year")
    public Integer midTermLastYear;

    @Column(name = "name_ja", nullable = false)
    public String nameJa;

    @Column(name = "name_en")
    public String nameEn;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The subject of the token that last changed the plan; null for plans written before tokens. */
    @Column(name = "changed_by")
    public String changedBy;

    /**
     * Locks the plan row for the rest of the transaction. Every write to a plan's items takes this lock
     * first, so that checks such as "the code is free" or "the plan has no items" cannot race each other.
     */
    public static Optional<Plan> lock(String code) {
        return code == null ? Optional.empty()
                : Optional.ofNullable(getEntityManager().find(Plan.class, code, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * Inserts the plan unless one with its code exists, race-free (two concurrent creations cannot both
     * pass a "does it exist" check). Returns whether it was inserted.
     */
    public boolean insertIfAbsent() {
        int inserted = getEntityManager().createNativeQuery("""
                insert into plan (code, agency, fiscal_year, mid_term_period, mid_term_first_year, mid_term_last_year,
                                  name_ja, name_en, created_at, updated_at, changed_by)
                values (:code, :agency, :fiscalYear, :midTermPeriod, :midTermFirstYear, :midTermLastYear,
                        :nameJa, :nameEn, :createdAt, :updatedAt, :changedBy)
                on conflict (code) do nothing
                """)
                .setParameter("code", code)
                .setParameter("agency", agency)
                .setParameter("fiscalYear", fiscalYear)
                .setParameter("midTermPeriod", midTermPeriod)
                .setParameter("midTermFirstYear", midTermFirstYear)
                .setParameter("midTermLastYear", midTermLastYear)
                .setParameter("nameJa", nameJa)
                .setParameter("nameEn", nameEn)
                .setParameter("createdAt", createdAt)
                .setParameter("updatedAt", updatedAt)
                .setParameter("changedBy", changedBy)
                .executeUpdate();
        return inserted == 1;
    }

    public static List<Plan> search(String agency, Integer fiscalYear) {
        Parameters params = new Parameters();
        StringBuilder query = new StringBuilder("1 = 1");
        if (agency != null) {
            query.append(" and agency = :agency");
            params.and("agency", agency);
        }
        if (fiscalYear != null) {
            query.append(" and fiscalYear = :fiscalYear");
            params.and("fiscalYear", fiscalYear);
        }
        return list(query.toString(), Sort.by("code"), params);
    }

    /** Copies the attributes that may change; returns whether any did. */
    public boolean change(String agency, int fiscalYear, String midTermPeriod, Integer midTermFirstYear,
            Integer midTermLastYear, String nameJa, String nameEn) {
        boolean changed = !Objects.equals(this.agency, agency) || this.fiscalYear != fiscalYear
                || !Objects.equals(this.midTermPeriod, midTermPeriod)
                || !Objects.equals(this.midTermFirstYear, midTermFirstYear)
                || !Objects.equals(this.midTermLastYear, midTermLastYear)
                || !Objects.equals(this.nameJa, nameJa) || !Objects.equals(this.nameEn, nameEn);
        this.agency = agency;
        this.fiscalYear = fiscalYear;
        this.midTermPeriod = midTermPeriod;
        this.midTermFirstYear = midTermFirstYear;
        this.midTermLastYear = midTermLastYear;
        this.nameJa = nameJa;
        this.nameEn = nameEn;
        return changed;
    }
}
