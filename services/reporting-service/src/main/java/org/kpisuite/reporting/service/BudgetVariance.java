package org.kpisuite.reporting.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kpisuite.events.BudgetEvent;
import org.kpisuite.events.BudgetEvent.Kind;
import org.kpisuite.events.BudgetEvent.Line;
import org.kpisuite.events.BudgetEvent.Side;
import org.kpisuite.events.BudgetEvent.Table;
import org.kpisuite.fiscal.FiscalCalendar;

/**
 * Budget against actuals (予実管理) for one fiscal year as of a date, calculated from the budget and the monthly
 * actuals of its line indicators. Pure: no database, so every figure can be checked by hand.
 *
 * <ul>
 * <li>Months elapsed: April through the latest month (by the asOf month) with an actual of any line; before the first
 * one, nothing is judged, and neither is a line that has no reported value (nor any of its parts): NO_ACTUALS, it is
 * missing rather than off budget (completeness lists it). A reported 0 is an actual.</li>
 * <li>A line's actual: its indicator's values (a table that takes actuals), the same line of the tables it rolls up
 * (総表, an account's 合計), or the signed sum of its parts (a total or a result), month by month.</li>
 * <li>Expected share to date: last year's monthly profile of the line (its cumulative share of last year's total by
 * the same month), where last year's actuals add up to a positive total; else linear (months elapsed / 12).</li>
 * <li>Projected year end: the actual scaled by the expected share (actual / share); where the share is still 0,
 * the actual plus the whole budget. Projected variance: projected − budget; its rate is against |budget|.</li>
 * <li>DRIFTING: the rate's size passes the threshold (from the configured number of months on), or a line without
 * budget has a projected amount. Both directions count: a revenue shortfall drifts as an overspend does.</li>
 * <li>Printed totals are kept as printed; each total and rollup line also shows the sum of its parts and the
 * difference (rounding, 「端数において合計とは一致しないものがある」), neither corrected.</li>
 * </ul>
 */
public final class BudgetVariance {

    static final int RATE_SCALE = 4;
    static final int AMOUNT_SCALE = 3;

    private BudgetVariance() {
    }

    public record Settings(BigDecimal driftThreshold, int judgedFromMonth, BigDecimal ceilingWarningAt) {
    }

    public enum Status {
        NO_ACTUALS, ON_BUDGET, DRIFTING
    }

    public enum CeilingStatus {
        NO_BALANCE, BELOW, WARNING, REACHED
    }

    public enum Profile {
        LAST_YEAR, LINEAR
    }

    public record MonthActual(@Schema(example = "2024-06") String month, BigDecimal actual) {
    }

    public record Analysis(long version, String cause, String response, Instant recordedAt, String recordedBy) {
    }

    @Schema(description = "A line's budget against its actuals")
    public record LineReport(
            @Schema(description = "Table code and line key; the indicator that takes its actuals where it takes any",
                    example = "bg-general-cybersecurity-exp-operations") String code,
            String key, String nameJa, String nameEn, Side side,
            @Schema(description = "A total or result line (adds up other lines)") boolean total,
            @Schema(description = "Whether finance reports actuals to this line's indicator") boolean takesActuals,
            @Schema(nullable = true, description = "The printed budget (null where printed \"－\")") BigDecimal budget,
            @Schema(nullable = true, description = "For a total, result or rollup line: the sum of its parts' printed budgets")
            BigDecimal sumOfParts,
            @Schema(nullable = true, description = "Printed budget minus sumOfParts, where not 0 (rounding in the plan)")
            BigDecimal printedDifference,
            BigDecimal actual,
            @Schema(nullable = true, description = "actual / budget") BigDecimal executionRate,
            Profile profile,
            @Schema(description = "The share of the year's budget expected by now") BigDecimal expectedShare,
            BigDecimal expectedToDate,
            @Schema(nullable = true) BigDecimal projected,
            @Schema(nullable = true) BigDecimal projectedVariance,
            @Schema(nullable = true, description = "projectedVariance / |budget|") BigDecimal varianceRate,
            Status status,
            @Schema(nullable = true) Analysis analysis,
            List<MonthActual> months) {
    }

    public record TableReport(String code, Kind kind, String annex, String account,
            @Schema(nullable = true) String segment, String titleJa, String titleEn, List<String> rollupOf,
            @Schema(nullable = true) BigDecimal personnelCost, List<LineReport> lines) {
    }

    public record CeilingReport(String code, String nameJa, String nameEn, BigDecimal limit,
            @Schema(nullable = true) BigDecimal balance, @Schema(nullable = true) String balanceMonth,
            @Schema(nullable = true) BigDecimal usedRate, CeilingStatus status) {
    }

    @Schema(description = "Budget against actuals of a fiscal year as of a date")
    public record Report(int fiscalYear, long budgetVersion, String reason, String unit, LocalDate asOf,
            @Schema(nullable = true, description = "The latest month with an actual") String reportedThrough,
            int monthsElapsed, BigDecimal driftThreshold,
            @Schema(description = "The drifting lines' codes, largest variance rate first") List<String> drifting,
            @Schema(nullable = true) CeilingReport ceiling, List<TableReport> tables) {
    }

    /**
     * @param actuals   the monthly actuals of the fiscal year (months by the asOf month) per line indicator code
     * @param lastYear  the monthly actuals of the year before, per line indicator code
     * @param analyses  the analysis in force per line code
     */
    public static Report calculate(BudgetEvent budget, Map<String, Map<YearMonth, BigDecimal>> actuals,
            Map<String, Map<YearMonth, BigDecimal>> lastYear, LocalDate asOf, Settings settings,
            Map<String, Analysis> analyses) {
        int fy = budget.fiscalYear();
        YearMonth first = FiscalCalendar.firstMonth(fy);
        YearMonth last = FiscalCalendar.lastMonth(fy);
        YearMonth asOfMonth = YearMonth.from(asOf).isAfter(last) ? last : YearMonth.from(asOf);
        YearMonth through = null;
        Map<String, Table> tables = new HashMap<>();
        budget.tables().forEach(t -> tables.put(t.code(), t));
        for (BudgetEvent.ActualLine line : budget.linesTakingActuals()) {
            for (YearMonth month : actuals.getOrDefault(line.code(), Map.of()).keySet()) {
                if (!month.isBefore(first) && !month.isAfter(asOfMonth) && (through == null || month.isAfter(through))) {
                    through = month;
                }
            }
        }
        int elapsed = through == null ? 0 : (int) first.until(through, java.time.temporal.ChronoUnit.MONTHS) + 1;
        Series current = new Series(tables, actuals, first, through);
        Series previous = new Series(tables, lastYear, first.minusYears(1), first.minusYears(1).plusMonths(11));

        List<TableReport> tableReports = new ArrayList<>();
        List<LineReport> drifting = new ArrayList<>();
        for (Table table : budget.tables()) {
            List<LineReport> lines = new ArrayList<>();
            for (Line line : table.lines()) {
                LineReport report = line(table, line, current, previous, elapsed, tables, settings, analyses);
                lines.add(report);
                if (report.status() == Status.DRIFTING) {
                    drifting.add(report);
                }
            }
            tableReports.add(new TableReport(table.code(), table.kind(), table.annex(), table.account(), table.segment(),
                    table.titleJa(), table.titleEn(), table.rollupOf(), table.personnelCost(), lines));
        }
        drifting.sort(Comparator.comparing((LineReport l) -> l.varianceRate() == null ? null : l.varianceRate().abs(),
                Comparator.nullsLast(Comparator.<BigDecimal>naturalOrder())).reversed().thenComparing(LineReport::code));
        return new Report(fy, budget.version(), budget.reason(), budget.unit(), asOf,
                through == null ? null : through.toString(), elapsed, settings.driftThreshold(),
                drifting.stream().map(LineReport::code).toList(), ceiling(budget, actuals, first, asOfMonth, settings),
                tableReports);
    }

    private static LineReport line(Table table, Line line, Series current, Series previous, int elapsed,
            Map<String, Table> tables, Settings settings, Map<String, Analysis> analyses) {
        String code = BudgetEvent.lineCode(table, line);
        Map<YearMonth, BigDecimal> months = current.of(table, line.key());
        BigDecimal actual = months.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal budget = line.amount();
        BigDecimal base = budget == null ? BigDecimal.ZERO : budget;
        BigDecimal sumOfParts = sumOfParts(table, line, tables);
        BigDecimal difference = budget == null || sumOfParts == null || budget.compareTo(sumOfParts) == 0 ? null
                : budget.subtract(sumOfParts);

        // The share of the year as a fraction (reached ÷ whole), so that amounts are multiplied and divided by it
        // exactly: a share rounded first (2/12 to 0.1666666667) is off by a few yen on a budget counted in yen.
        Profile profile = Profile.LINEAR;
        BigDecimal reached = BigDecimal.valueOf(elapsed);
        BigDecimal whole = BigDecimal.valueOf(12);
        Map<YearMonth, BigDecimal> before = previous.of(table, line.key());
        BigDecimal lastTotal = before.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (elapsed > 0 && lastTotal.signum() > 0) {
            BigDecimal cumulative = before.entrySet().stream()
                    .filter(e -> !e.getKey().isAfter(previous.first.plusMonths(elapsed - 1)))
                    .map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (cumulative.signum() >= 0 && cumulative.compareTo(lastTotal) <= 0) {
                profile = Profile.LAST_YEAR;
                reached = cumulative;
                whole = lastTotal;
            }
        }
        BigDecimal share = reached.divide(whole, RATE_SCALE, RoundingMode.HALF_UP);
        BigDecimal expected = base.multiply(reached).divide(whole, AMOUNT_SCALE, RoundingMode.HALF_UP);
        BigDecimal projected = null;
        BigDecimal variance = null;
        BigDecimal rate = null;
        Status status = Status.NO_ACTUALS;
        // A line nothing was reported for (nor for any of its parts) is not judged: it is missing, not off budget.
        if (elapsed > 0 && !months.isEmpty()) {
            projected = reached.signum() > 0
                    ? actual.multiply(whole).divide(reached, AMOUNT_SCALE, RoundingMode.HALF_UP)
                    : actual.add(base).setScale(AMOUNT_SCALE, RoundingMode.HALF_UP);
            variance = projected.subtract(base);
            rate = base.signum() == 0 ? null : variance.divide(base.abs(), RATE_SCALE, RoundingMode.HALF_UP);
            boolean judged = elapsed >= settings.judgedFromMonth();
            boolean drifts = rate == null ? projected.signum() != 0 : rate.abs().compareTo(settings.driftThreshold()) > 0;
            status = judged && drifts ? Status.DRIFTING : Status.ON_BUDGET;
        }
        BigDecimal execution = base.signum() == 0 ? null : actual.divide(base, RATE_SCALE, RoundingMode.HALF_UP);
        List<MonthActual> monthly = new TreeMap<>(months).entrySet().stream()
                .map(e -> new MonthActual(e.getKey().toString(), e.getValue())).toList();
        return new LineReport(code, line.key(), line.nameJa(), line.nameEn(), line.side(), line.isTotal(),
                table.takesActuals() && !line.isTotal(), budget, sumOfParts, difference, actual, execution, profile,
                share, expected, projected, variance, rate, status,
                analyses.get(code), monthly);
    }

    /** The sum of the printed budgets the line adds up: its parts (a total), or the same line below (a rollup). */
    private static BigDecimal sumOfParts(Table table, Line line, Map<String, Table> tables) {
        if (line.isTotal()) {
            BigDecimal sum = BigDecimal.ZERO;
            for (String part : line.sumOf()) {
                Line found = find(table, key(part));
                if (found != null && found.amount() != null) {
                    sum = part.startsWith("-") ? sum.subtract(found.amount()) : sum.add(found.amount());
                }
            }
            return sum;
        }
        if (table.takesActuals()) {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (String below : table.rollupOf()) {
            Table child = tables.get(below);
            Line found = child == null ? null : find(child, line.key());
            if (found != null && found.amount() != null) {
                sum = sum.add(found.amount());
            }
        }
        return sum;
    }

    private static CeilingReport ceiling(BudgetEvent budget, Map<String, Map<YearMonth, BigDecimal>> actuals,
            YearMonth first, YearMonth asOfMonth, Settings settings) {
        BudgetEvent.Ceiling ceiling = budget.borrowingLimit();
        if (ceiling == null || ceiling.limit() == null || ceiling.limit().signum() <= 0) {
            return null;
        }
        var latest = actuals.getOrDefault(ceiling.code(), Map.of()).entrySet().stream()
                .filter(e -> !e.getKey().isBefore(first) && !e.getKey().isAfter(asOfMonth))
                .max(Map.Entry.comparingByKey()).orElse(null);
        if (latest == null) {
            return new CeilingReport(ceiling.code(), ceiling.nameJa(), ceiling.nameEn(), ceiling.limit(), null, null,
                    null, CeilingStatus.NO_BALANCE);
        }
        BigDecimal balance = latest.getValue();
        BigDecimal used = balance.divide(ceiling.limit(), RATE_SCALE, RoundingMode.HALF_UP);
        CeilingStatus status = balance.compareTo(ceiling.limit()) >= 0 ? CeilingStatus.REACHED
                : balance.compareTo(ceiling.limit().multiply(settings.ceilingWarningAt())) >= 0 ? CeilingStatus.WARNING
                        : CeilingStatus.BELOW;
        return new CeilingReport(ceiling.code(), ceiling.nameJa(), ceiling.nameEn(), ceiling.limit(), balance,
                latest.getKey().toString(), used, status);
    }

    private static String key(String part) {
        return part.startsWith("-") ? part.substring(1) : part;
    }

    private static Line find(Table table, String key) {
        for (Line line : table.lines()) {
            if (line.key().equals(key)) {
                return line;
            }
        }
        return null;
    }

    /** A year's monthly actuals of every line of every table, derived once per line. */
    private static final class Series {
        final Map<String, Table> tables;
        final Map<String, Map<YearMonth, BigDecimal>> values;
        final YearMonth first;
        final YearMonth last;
        final Map<String, Map<YearMonth, BigDecimal>> derived = new HashMap<>();

        Series(Map<String, Table> tables, Map<String, Map<YearMonth, BigDecimal>> values, YearMonth first, YearMonth last) {
            this.tables = tables;
            this.values = values;
            this.first = first;
            this.last = last;
        }

        Map<YearMonth, BigDecimal> of(Table table, String key) {
            String code = table.code() + "-" + key;
            Map<YearMonth, BigDecimal> known = derived.get(code);
            if (known != null) {
                return known;
            }
            Map<YearMonth, BigDecimal> result = new HashMap<>();
            Line line = find(table, key);
            if (line != null && last != null) {
                if (line.isTotal()) {
                    for (String part : line.sumOf()) {
                        boolean minus = part.startsWith("-");
                        of(table, key(part)).forEach((m, v) -> result.merge(m, minus ? v.negate() : v, BigDecimal::add));
                    }
                } else if (table.takesActuals()) {
                    values.getOrDefault(code, Map.of()).forEach((m, v) -> {
                        if (!m.isBefore(first) && !m.isAfter(last)) {
                            result.merge(m, v, BigDecimal::add);
                        }
                    });
                } else {
                    for (String below : table.rollupOf()) {
                        Table child = tables.get(below);
                        if (child != null) {
                            of(child, key).forEach((m, v) -> result.merge(m, v, BigDecimal::add));
                        }
                    }
                }
            }
            derived.put(code, result);
            return result;
        }
    }
}
