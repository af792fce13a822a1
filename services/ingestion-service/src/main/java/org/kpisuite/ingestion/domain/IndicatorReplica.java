package org.kpisuite.ingestion.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What ingestion knows of an indicator: its last full state from {@code kpi.indicators.v1}. */
@Entity
@Table(name = "indicator_replica")
public class IndicatorReplica extends PanacheEntityBase {

    @Id
    public String code;

    @Column(nullable = false)
    public String department;

    @Column(nullable = false)
    public boolean retired;

    @Column(nullable = false)
    public long version;

    /** The IndicatorEvent as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String state;
}
