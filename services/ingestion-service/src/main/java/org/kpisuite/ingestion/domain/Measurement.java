package org.kpisuite.ingestion.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One revision of a monthly value. Rows are only ever inserted. */
@Entity
@Table(name = "measurement")
public class Measurement extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "indicator_code", nullable = false)
    public String indicatorCode;

    @Column(nullable = false)
    public String component;

    @Column(nullable = false)
    public String breakdown;

    @Column(nullable = false)
    public String department;

    /** The period: {@code 2024-05}, {@code 2024-Q1}, {@code 2024-H1} or {@code FY2024}. */
    @Column(nullable = false)
    public String period;

    /** The column is char(7): a fiscal year's {@code FY2024} comes back padded. */
    @jakarta.persistence.PostLoad
    void trimPeriod() {
        period = period == null ? null : period.trim();
    }

    @Column(name = "fiscal_year", nullable = false)
    public int fiscalYear;

    @Column(nullable = false, precision = 24, scale = 6)
    public BigDecimal value;

    @Column(nullable = false)
    public int revision;

    public String note;

    public String reason;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** What was noticed about the value when it was accepted (OUTLIER, RULE:<name>), comma-separated; null: nothing. */
    public String flags;

    public static List<Measurement> history(MeasurementKey key) {
        return list("indicatorCode = ?1 and component = ?2 and breakdown = ?3 and department = ?4 and period = ?5 "
                + "order by revision", key.indicatorCode(), key.component(), key.breakdown(), key.department(),
                key.month());
    }

    /** The latest revision of each key of an indicator, by month (the revisions in force, kept on write). */
    @SuppressWarnings("unchecked")
    public static List<Measurement> currentValues(String indicatorCode, Integer fiscalYear) {
        return getEntityManager().createNativeQuery("""
                select m.* from measurement_current c join measurement m on m.id = c.id
                where c.indicator_code = :code and (cast(:year as integer) is null or c.fiscal_year = cast(:year as integer))
                order by c.period, c.department, c.component, c.breakdown""", Measurement.class)
                .setParameter("code", indicatorCode).setParameter("year", fiscalYear).getResultList();
    }

    public MeasurementKey key() {
        return new MeasurementKey(indicatorCode, component, breakdown, department, period);
    }
}
