package org.kpisuite.indicator.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Every version of an indicator, as the full state that was published. */
@Entity
@Table(name = "indicator_version")
@IdClass(IndicatorVersion.Key.class)
public class IndicatorVersion extends PanacheEntityBase {

    @Id
    public String code;

    @Id
    public long version;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String state;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    /** The subject of the token that made this change; null for changes made before tokens. */
    @Column(name = "changed_by")
    public String changedBy;

    public static List<IndicatorVersion> of(String code) {
        return list("code = ?1 order by version", code);
    }

    public static class Key implements Serializable {
        public String code;
        public long version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(code, k.code) && version == k.version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(code, version);
        }
    }
}
