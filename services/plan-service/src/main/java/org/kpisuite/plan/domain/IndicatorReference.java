package org.kpisuite.plan.domain;

import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Which plan item an indicator refers to, as indicator-service last published it on kpi.indicators.v1. */
@Entity
@Table(name = "indicator_reference")
public class IndicatorReference extends PanacheEntityBase {

    @Id
    public String code;

    @Column(name = "plan_item_id")
    public UUID planItemId;

    /** Retired indicators still refer to their item: their past values stay reportable against it. */
    @Column(nullable = false)
    public boolean retired;

    @Column(nullable = false)
    public long version;

    /** Codes of the indicators, retired or not, that refer to the item, in code order. */
    public static List<String> codesReferring(UUID planItemId) {
        return getEntityManager()
                .createQuery("select r.code from IndicatorReference r where r.planItemId = :id order by r.code",
                        String.class)
                .setParameter("id", planItemId)
                .getResultList();
    }
}
