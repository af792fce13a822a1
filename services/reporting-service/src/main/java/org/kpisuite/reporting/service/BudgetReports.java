package org.kpisuite.reporting.service;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.kpisuite.events.BudgetEvent;
import org.kpisuite.messaging.InboundEvent;
import org.kpisuite.reporting.config.ReportingConfig;
import org.kpisuite.reporting.domain.MonthlyValue;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Budget against actuals from the read model: the budget in force, its lines' monthly actuals, the analyses. */
@ApplicationScoped
public class BudgetReports {

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper mapper;

    @Inject
    ProgressCalculation calculation;

    @Inject
    KeptProgress kept;

    @Inject
    ReportingConfig config;

    public LocalDate today() {
        return kept.today();
    }

    public List<Integer> fiscalYears() {
        return Jdbc.work(entityManager, connection -> {
            List<Integer> years = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("select fiscal_year from budget_view order by 1");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    years.add(rs.getInt(1));
                }
            }
            return years;
        });
    }

    public Optional<BudgetEvent> budget(int fiscalYear) {
        return Jdbc.work(entityManager, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select state::text from budget_view where fiscal_year = ?")) {
                select.setInt(1, fiscalYear);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(InboundEvent.read(mapper, rs.getString(1), BudgetEvent.class))
                            : Optional.<BudgetEvent>empty();
                }
            }
        });
    }

    /** The report of the fiscal year's budget as of the day (values and analyses as known by its end), if any. */
    public Optional<BudgetVariance.Report> report(int fiscalYear, LocalDate asOf) {
        return budget(fiscalYear).map(budget -> report(budget, asOf));
    }

    public BudgetVariance.Report report(BudgetEvent budget, LocalDate asOf) {
        List<String> codes = new ArrayList<>(budget.linesTakingActuals().stream().map(BudgetEvent.ActualLine::code).toList());
        if (budget.borrowingLimit() != null) {
            codes.add(budget.borrowingLimit().code());
        }
        int year = budget.fiscalYear();
        Map<String, List<MonthlyValue>> values = calculation.values(codes, year - 1, year, asOf, asOf.equals(today()));
        Map<String, Map<YearMonth, BigDecimal>> actuals = new HashMap<>();
        Map<String, Map<YearMonth, BigDecimal>> lastYear = new HashMap<>();
        values.forEach((code, list) -> list.forEach(v -> {
            YearMonth month = v.month();
            var target = org.kpisuite.fiscal.FiscalCalendar.fiscalYearOf(month) == year ? actuals : lastYear;
            target.computeIfAbsent(code, c -> new HashMap<>()).merge(month, v.value(), BigDecimal::add);
        }));
        ReportingConfig.Budget settings = config.budget();
        return BudgetVariance.calculate(budget, actuals, lastYear, asOf, new BudgetVariance.Settings(
                settings.driftThreshold(), settings.judgedFromMonth(), settings.ceilingWarningAt()),
                analyses(year, asOf));
    }

    /** The analysis in force per line as known by the end of the day. */
    private Map<String, BudgetVariance.Analysis> analyses(int fiscalYear, LocalDate asOf) {
        Timestamp end = Timestamp.from(asOf.plusDays(1).atStartOfDay(config.zone()).toInstant());
        return Jdbc.work(entityManager, connection -> {
            Map<String, BudgetVariance.Analysis> analyses = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    select distinct on (line_code) line_code, version, cause, response, recorded_at, recorded_by
                    from budget_analysis_view where fiscal_year = ? and recorded_at < ?
                    order by line_code, version desc""")) {
                select.setInt(1, fiscalYear);
                select.setTimestamp(2, end);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        analyses.put(rs.getString(1), new BudgetVariance.Analysis(rs.getLong(2), rs.getString(3),
                                rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6)));
                    }
                }
            }
            return analyses;
        });
    }
}
