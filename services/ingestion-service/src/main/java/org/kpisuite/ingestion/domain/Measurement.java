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

    public static List<Measurement> history(MeasurementKey key) {
        return list("indicatorCode = ?1 and component = ?2 and breakdown = ?3 and department = ?4 and period = ?5 "
                + "order by revision", key.indicatorCode(), key.component(), key.breakdown(), key.department(),
                key.month());
    }

    /** The latest revision of each key of an indicator, by month. */
    public static List<Measurement> currentValues(String indicatorCode, Integer fiscalYear) {
        String latest = "not exists (select 1 from Measurement n where n.indicatorCode = m.indicatorCode "
                + "and n.component = m.component and n.breakdown = m.breakdown and n.department = m.department "
                + "and n.period = m.period and n.revision > m.revision)";
        return fiscalYear == null
                ? find("from Measurement m where m.indicatorCode = ?1 and " + latest
                        + " order by m.period, m.department, m.component, m.breakdown", indicatorCode).list()
                : find("from Measurement m where m.indicatorCode = ?1 and m.fiscalYear = ?2 and " + latest
                        + " order by m.period, m.department, m.component, m.breakdown", indicatorCode, fiscalYear).list();
    }

    public MeasurementKey key() {
        return new MeasurementKey(indicatorCode, component, breakdown, department, period);
    }
}
