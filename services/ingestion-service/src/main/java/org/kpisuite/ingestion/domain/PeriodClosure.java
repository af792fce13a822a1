package org.kpisuite.ingestion.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A month closed for submissions, for one indicator, one department, both, or all (null = every one). */
@Entity
@Table(name = "period_closure")
public class PeriodClosure extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The month, {@code YYYY-MM}. */
    @Column(nullable = false)
    public String period;

    @Column(name = "fiscal_year", nullable = false)
    public int fiscalYear;

    @Column(name = "indicator_code")
    public String indicatorCode;

    public String department;

    @Column(name = "closed_by", nullable = false)
    public String closedBy;

    @Column(name = "closed_at", nullable = false)
    public Instant closedAt;

    /** "2024-05 is closed for indicator x of department y" and its variants. */
    public String describe() {
        return new ClosedMonth(period, indicatorCode, department).describe();
    }

    public static Optional<PeriodClosure> scope(String month, String code, String dept) {
        return PeriodClosure.<PeriodClosure>list("period", month).stream()
                .filter(c -> Objects.equals(c.indicatorCode, code) && Objects.equals(c.department, dept))
                .findFirst();
    }
}
