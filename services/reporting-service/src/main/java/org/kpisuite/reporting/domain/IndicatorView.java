package org.kpisuite.reporting.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The latest full state of an indicator, as its IndicatorEvent JSON. */
@Entity
@Table(name = "indicator_view")
public class IndicatorView extends PanacheEntityBase {

    @Id
    public String code;

    @Column(nullable = false)
    public long version;

    /**
     * The recording time of the first version reporting received, kept through later ones; null for an indicator
     * known before this was recorded (V66), read as known before any review.
     */
    @Column(name = "first_known")
    public Instant firstKnown;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String state;
}
