package org.kpisuite.reporting.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.reporting.config.ReportingConfig;

/** How much of each indicator's figure rests on approved values: its values in force by review state. */
@ApplicationScoped
public class ApprovalShares {

    @Inject
    EntityManager entityManager;

    @Inject
    ReportingConfig config;

    @Schema(name = "ApprovalShare", description = "An indicator's values in force in the fiscal year by review state")
    public record Share(
            @Schema(example = "manabi-dx-accesses") String indicatorCode,
            @Schema(description = "Values in force (one per department, period, component and breakdown)", example = "12")
            int values,
            @Schema(example = "9") int approved,
            @Schema(example = "1") int returned,
            @Schema(description = "Waiting for an approver", example = "2") int provisional,
            @Schema(description = "approved ÷ values", example = "0.75") BigDecimal approvedShare) {
    }

    /** Per indicator with values in the fiscal year, as recorded by the end of the day (Japan time). */
    public List<Share> of(int fiscalYear, LocalDate asOf) {
        Timestamp recordedBefore = Timestamp.from(asOf.plusDays(1).atStartOfDay(config.zone()).toInstant());
        return Jdbc.work(entityManager, connection -> {
            List<Share> shares = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    with v as (
                        select distinct on (indicator_code, component, breakdown, department, period)
                               indicator_code, component, breakdown, department, period, revision
                        from measurement_revision where fiscal_year = ? and recorded_at < ?
                        order by indicator_code, component, breakdown, department, period, revision desc)
                    select indicator_code, count(*), count(*) filter (where decision = 'APPROVED'),
                           count(*) filter (where decision = 'RETURNED')
                    from (select indicator_code, approval_before(indicator_code, component, breakdown, department,
                                                                 period, revision, ?) as decision from v) d
                    group by indicator_code order by indicator_code""")) {
                select.setInt(1, fiscalYear);
                select.setTimestamp(2, recordedBefore);
                select.setTimestamp(3, recordedBefore);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        int values = rs.getInt(2);
                        int approved = rs.getInt(3);
                        int returned = rs.getInt(4);
                        shares.add(new Share(rs.getString(1), values, approved, returned, values - approved - returned,
                                BigDecimal.valueOf(approved).divide(BigDecimal.valueOf(values), 4, RoundingMode.HALF_UP)));
                    }
                }
            }
            return shares;
        });
    }
}
