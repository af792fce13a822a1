package org.kpisuite.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Full state of a fiscal year's budget after a change (the plan's 予算, 収支計画 and 資金計画 tables, Ⅳ 別紙１–３,
 * and the short-term borrowing limit of Ⅴ), on {@link Topics#BUDGETS} keyed by the fiscal year. A revised budget
 * (補正) is a new version; consumers keep the highest.
 *
 * <p>Actuals are reported as measurements of the line indicators ({@link #lineCode}): one per line without
 * {@code sumOf} of each table without {@code rollupOf}, created by indicator-service with the budget. A rollup
 * table (総表, an account's 合計) takes its lines' actuals from the tables it rolls up, line by line key.
 */
public record BudgetEvent(
        int fiscalYear,
        long version,
        String planCode,
        String reason,
        String unit,
        Ceiling borrowingLimit,
        List<Table> tables,
        Instant changedAt,
        String changedBy) {

    public static final String AGGREGATE_TYPE = "budget";
    public static final String TYPE_CHANGED = "kpi.budget.changed.v1";

    public BudgetEvent {
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    /** BUDGET 予算 (別紙１), INCOME_EXPENDITURE 収支計画 (別紙２), CASH_FLOW 資金計画 (別紙３). */
    public enum Kind {
        BUDGET, INCOME_EXPENDITURE, CASH_FLOW
    }

    /** REVENUE 収入・収益, EXPENDITURE 支出・費用, RESULT a line printed as a difference (純利益, 総利益). */
    public enum Side {
        REVENUE, EXPENDITURE, RESULT
    }

    /**
     * One printed table: an account's (or a general-account segment's) column of an annex.
     *
     * @param rollupOf the tables whose actuals this one adds up, line by key (総表: the accounts; 一般勘定: its
     *                 segments); empty for a table that takes actuals itself
     */
    public record Table(
            @Schema(example = "bg-general-cybersecurity") String code,
            Kind kind,
            @Schema(example = "1-4") String annex,
            @Schema(example = "general") String account,
            @Schema(nullable = true, example = "cybersecurity") String segment,
            @Schema(example = "予算（一般勘定・サイバーセキュリティ）") String titleJa,
            String titleEn,
            List<String> rollupOf,
            @Schema(nullable = true, description = "人件費の見積り, where the plan prints one") BigDecimal personnelCost,
            @Schema(nullable = true) String personnelCostJa,
            List<Line> lines) {

        public Table {
            rollupOf = keepingNulls(rollupOf);
            lines = keepingNulls(lines);
        }

        public boolean takesActuals() {
            return rollupOf.isEmpty();
        }
    }

    /**
     * A printed line.
     *
     * @param amount the printed amount, kept as printed (null where the plan prints "－")
     * @param sumOf  for a total or a result, the lines it adds up ("-key" for one it subtracts); its printed amount
     *               may differ from that sum by rounding (「端数において合計とは一致しないものがある」)
     */
    public record Line(
            @Schema(example = "exp-operations") String key,
            @Schema(example = "業務経費") String nameJa,
            String nameEn,
            Side side,
            @Schema(nullable = true, example = "14831") BigDecimal amount,
            List<String> sumOf) {

        public Line {
            sumOf = keepingNulls(sumOf);
        }

        public boolean isTotal() {
            return !sumOf.isEmpty();
        }
    }

    /** A ceiling on a balance finance reports (Ⅴ 短期借入金の限度額), with the indicator that carries the balance. */
    public record Ceiling(
            @Schema(example = "short-term-borrowing-balance") String code,
            String nameJa,
            String nameEn,
            @Schema(example = "3000") BigDecimal limit,
            String basisJa) {
    }

    /** A line finance reports actuals to: a line without {@code sumOf} of a table without {@code rollupOf}. */
    public record ActualLine(Table table, Line line) {
        public String code() {
            return lineCode(table, line);
        }
    }

    /** Every line that takes actuals, in printed order; each has an indicator of its {@link ActualLine#code}. */
    public List<ActualLine> linesTakingActuals() {
        return tables.stream().filter(Table::takesActuals)
                .flatMap(t -> t.lines().stream().filter(l -> !l.isTotal()).map(l -> new ActualLine(t, l))).toList();
    }

    /**
     * An unmodifiable copy that keeps null entries: a budget's tables and lines are the request's body too, and a null
     * entry must reach the budget's rules, which name it ({@code tables[0].lines[0]: must not be null}), instead of
     * failing the body's reading one level up. The rules refuse every null before a budget is kept.
     */
    private static <T> List<T> keepingNulls(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** The indicator that carries a line's actuals: the table's code and the line's key. */
    public static String lineCode(Table table, Line line) {
        return table.code() + "-" + line.key();
    }
}
