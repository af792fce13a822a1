package org.kpisuite.reporting.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How much of each indicator's figure rests on approved values: its values in force by review state. */
@ApplicationScoped
public class ApprovalShares {

    @Inject
    EntityManager entityManager;

    @Inject
    ProgressCalculation calculation;

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
        return counts("indicator_code", fiscalYear, null, asOf).stream().map(c -> new Share(c.key(), c.values(),
                c.approved(), c.returned(), c.values() - c.approved() - c.returned(),
                BigDecimal.valueOf(c.approved()).divide(BigDecimal.valueOf(c.values()), 4, RoundingMode.HALF_UP)))
                .toList();
    }

    /** One indicator's values in force per period of the fiscal year, and how many of them are approved. */
    public Map<String, Count> byPeriod(String indicatorCode, int fiscalYear, LocalDate asOf) {
        Map<String, Count> byPeriod = new HashMap<>();
        counts("period", fiscalYear, indicatorCode, asOf).forEach(c -> byPeriod.put(c.key(), c));
        return byPeriod;
    }

    /** Values in force, approved and returned, grouped by one column of the value's key. */
    public record Count(String key, int values, int approved, int returned) {
    }

    private List<Count> counts(String groupBy, int fiscalYear, String indicatorCode, LocalDate asOf) {
        Timestamp recordedBefore = Timestamp.from(calculation.endOf(asOf));
        return Jdbc.work(entityManager, connection -> {
            List<Count> counts = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    with v as (
                        select distinct on (indicator_code, component, breakdown, department, period)
                               indicator_code, component, breakdown, department, period, revision
                        from measurement_revision
                        where fiscal_year = ? and recorded_at < ? and (cast(? as varchar) is null or indicator_code = ?)
                        order by indicator_code, component, breakdown, department, period, revision desc)
                    select %1$s, count(*), count(*) filter (where decision = 'APPROVED'),
                           count(*) filter (where decision = 'RETURNED')
                    from (select v.*, approval_before(indicator_code, component, breakdown, department, period,
                                                      revision, ?) as decision from v) d
                    group by %1$s order by %1$s""".formatted(groupBy))) {
                select.setInt(1, fiscalYear);
                select.setTimestamp(2, recordedBefore);
                select.setString(3, indicatorCode);
                select.setString(4, indicatorCode);
                select.setTimestamp(5, recordedBefore);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        counts.add(new Count(rs.getString(1).trim(), rs.getInt(2), rs.getInt(3), rs.getInt(4)));
                    }
                }
            }
            return counts;
        });
    }
}
