package org.kpisuite.reporting.rest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.kpisuite.reporting.service.BudgetVariance;

/** One budget line against its actuals, flat, for BI: the variance report's line with its table. */
public record ExportBudgetRow(
        String code,
        int fiscalYear,
        String asOf,
        long budgetVersion,
        String tableCode,
        String kind,
        String annex,
        String account,
        String segment,
        String tableTitleJa,
        String lineKey,
        String nameJa,
        String nameEn,
        String side,
        boolean total,
        boolean takesActuals,
        BigDecimal budget,
        BigDecimal sumOfParts,
        BigDecimal printedDifference,
        BigDecimal actual,
        BigDecimal executionRate,
        String profile,
        BigDecimal expectedShare,
        BigDecimal expectedToDate,
        BigDecimal projected,
        BigDecimal projectedVariance,
        BigDecimal varianceRate,
        String status,
        String analysisCause,
        String analysisResponse) {

    static List<ExportBudgetRow> of(BudgetVariance.Report report) {
        List<ExportBudgetRow> rows = new ArrayList<>();
        for (var t : report.tables()) {
            for (var l : t.lines()) {
                rows.add(new ExportBudgetRow(l.code(), report.fiscalYear(), report.asOf().toString(),
                        report.budgetVersion(), t.code(), t.kind().name(), t.annex(), t.account(), t.segment(),
                        t.titleJa(), l.key(), l.nameJa(), l.nameEn(), l.side().name(), l.total(), l.takesActuals(),
                        l.budget(), l.sumOfParts(), l.printedDifference(), l.actual(), l.executionRate(),
                        l.profile().name(), l.expectedShare(), l.expectedToDate(), l.projected(), l.projectedVariance(),
                        l.varianceRate(), l.status().name(), l.analysis() == null ? null : l.analysis().cause(),
                        l.analysis() == null ? null : l.analysis().response()));
            }
        }
        return rows;
    }
}
