package org.kpisuite.reporting.domain;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The latest full state of a measure or initiative, with its milestones, as its MeasureEvent JSON. */
@Entity
@Table(name = "measure_view")
public class MeasureView extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "plan_code", nullable = false)
    public String planCode;

    @Column(name = "fiscal_year", nullable = false)
    public int fiscalYear;

    @Column(nullable = false)
    public boolean removed;

    @Column(nullable = false)
    public long version;

    @ColumnTransformer(write = "?::jsonb")
    @Column(nullable = false, columnDefinition = "jsonb")
    public String state;
}
