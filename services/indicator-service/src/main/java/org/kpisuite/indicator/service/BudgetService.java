package org.kpisuite.indicator.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.kpisuite.events.BudgetEvent;
import org.kpisuite.events.BudgetEvent.Ceiling;
import org.kpisuite.events.BudgetEvent.Kind;
import org.kpisuite.events.BudgetEvent.Line;
import org.kpisuite.events.BudgetEvent.Table;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.fiscal.Frequency;
import org.kpisuite.indicator.config.IndicatorConfig;
import org.kpisuite.indicator.domain.BudgetAnalysis;
import org.kpisuite.indicator.domain.BudgetVersion;
import org.kpisuite.indicator.domain.Indicator;
import org.kpisuite.indicator.domain.PlanItemReplica;
import org.kpisuite.indicator.events.BudgetEvents;
import org.kpisuite.messaging.InboundEvent;
import org.kpisuite.problem.Problem.Violation;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.security.Caller;
import org.kpisuite.security.Roles;
import org.kpisuite.problem.TextRules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A fiscal year's budget: every version kept, and one indicator per line that takes actuals (and one for the
 * borrowing balance), so that finance reports actuals through ingestion like any value, with the same guarantees.
 * The line indicators are reference-only and have no target: a budget line is watched against its budget by
 * reporting's budget view, it is not an evaluation indicator.
 */
@ApplicationScoped
public class BudgetService {

    /** The plan items the annexes hang under, in the numbering every 中期計画/年度計画 uses (Ⅳ.1–3, Ⅴ). */
    static final Map<Kind, String> ITEM_OF_KIND = Map.of(Kind.BUDGET, "IV.1", Kind.INCOME_EXPENDITURE, "IV.2",
            Kind.CASH_FLOW, "IV.3");
    static final String CEILING_ITEM = "V";

    @Inject
    BudgetEvents events;

    @Inject
    IndicatorService indicators;

    @Inject
    IndicatorConfig config;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper mapper;

    @Inject
    jakarta.persistence.EntityManager entityManager;

    /** 'BUDG': the advisory-lock class of a fiscal year's budget and its analyses. */
    private static final int LOCK_CLASS = 0x42554447;

    public record Result(BudgetEvent budget, IndicatorService.Outcome outcome, int lineIndicators) {
    }

    /** The analysis in force: a new version (CREATED), or the latest one when it says the same (UNCHANGED). */
    public record Analysed(BudgetAnalysis analysis, IndicatorService.Outcome outcome) {
    }

    /**
     * Makes the request the fiscal year's budget: a new version when it differs from the one in force (a revision,
     * 補正), nothing when it is the same (so loading the catalog twice is harmless).
     */
    @Transactional
    public Result put(int fiscalYear, BudgetRequest request) {
        List<Violation> violations = new ArrayList<>(BudgetRules.check(request));
        lock(fiscalYear);
        Map<String, UUID> items = violations.isEmpty() ? planItems(fiscalYear, request, violations) : Map.of();
        fail(violations);
        BudgetEvent candidate = normalised(fiscalYear, request);
        BudgetEvent current = BudgetVersion.latest(fiscalYear).map(this::read).orElse(null);
        if (current != null && same(current, candidate)) {
            return new Result(current, IndicatorService.Outcome.UNCHANGED, 0);
        }
        int lines = defineLineIndicators(candidate, items);
        BudgetEvent budget = new BudgetEvent(fiscalYear, current == null ? 1 : current.version() + 1,
                candidate.planCode(), candidate.reason(), candidate.unit(), candidate.borrowingLimit(),
                candidate.tables(), Instant.now(), caller.subject());
        events.record(budget);
        return new Result(budget, current == null ? IndicatorService.Outcome.CREATED : IndicatorService.Outcome.CHANGED,
                lines);
    }

    public BudgetEvent latest(int fiscalYear) {
        return BudgetVersion.latest(fiscalYear).map(this::read)
                .orElseThrow(() -> ProblemException.notFound("budget", "FY" + fiscalYear));
    }

    public List<BudgetEvent> versions(int fiscalYear) {
        List<BudgetEvent> versions = BudgetVersion.of(fiscalYear).stream().map(this::read).toList();
        if (versions.isEmpty()) {
            throw ProblemException.notFound("budget", "FY" + fiscalYear);
        }
        return versions;
    }

    public BudgetEvent version(int fiscalYear, long version) {
        BudgetVersion found = BudgetVersion.findById(key(fiscalYear, version));
        if (found == null) {
            throw ProblemException.notFound("budget version", "FY" + fiscalYear + " v" + version);
        }
        return read(found);
    }

    /**
     * Records finance's cause analysis of a line and the response, as the line's next version; the same text as the
     * latest version again (a retried request) changes nothing: no version, no event.
     */
    @Transactional
    public Analysed analyse(int fiscalYear, String lineCode, String cause, String response) {
        if (!caller.has(Roles.ADMIN) && !caller.department().map(budgetDepartment()::equals).orElse(false)) {
            throw new ProblemException(403, "forbidden", "Forbidden",
                    "only the " + budgetDepartment() + " department or an administrator records budget analyses", null);
        }
        lock(fiscalYear);
        BudgetEvent budget = latest(fiscalYear);
        boolean known = budget.tables().stream().anyMatch(t -> t.lines().stream()
                .anyMatch(l -> BudgetEvent.lineCode(t, l).equals(lineCode)));
        if (!known) {
            throw ProblemException.notFound("budget line", lineCode + " in FY" + fiscalYear);
        }
        List<Violation> violations = new ArrayList<>();
        require(violations, "cause", cause);
        require(violations, "response", response);
        fail(violations);
        List<BudgetAnalysis> before = BudgetAnalysis.of(fiscalYear, lineCode);
        BudgetAnalysis latest = before.isEmpty() ? null : before.get(before.size() - 1);
        if (latest != null && latest.cause.equals(cause.strip()) && latest.response.equals(response.strip())) {
            return new Analysed(latest, IndicatorService.Outcome.UNCHANGED);
        }
        BudgetAnalysis analysis = new BudgetAnalysis();
        analysis.fiscalYear = fiscalYear;
        analysis.lineCode = lineCode;
        analysis.version = latest == null ? 1 : latest.version + 1;
        analysis.cause = cause.strip();
        analysis.response = response.strip();
        analysis.recordedAt = Instant.now();
        analysis.recordedBy = caller.subject();
        events.record(analysis);
        return new Analysed(analysis, IndicatorService.Outcome.CREATED);
    }

    public List<BudgetAnalysis> analyses(int fiscalYear, String lineCode) {
        return BudgetAnalysis.of(fiscalYear, lineCode);
    }

    /**
     * Two requests for one year (another replica's included) take turns until the first commits, so that each
     * reads the version the other wrote and writes the next one, instead of both writing the same number.
     */
    private void lock(int fiscalYear) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(:class, :year)")
                .setParameter("class", LOCK_CLASS).setParameter("year", fiscalYear).getSingleResult();
    }

    private String budgetDepartment() {
        return config.budgetDepartment();
    }

    private Map<String, UUID> planItems(int fiscalYear, BudgetRequest request, List<Violation> violations) {
        Map<String, UUID> items = new HashMap<>();
        List<String> needed = new ArrayList<>();
        request.tables().stream().map(t -> ITEM_OF_KIND.get(t.kind())).distinct().forEach(needed::add);
        if (request.borrowingLimit() != null) {
            needed.add(CEILING_ITEM);
        }
        for (String code : needed) {
            PlanItemReplica item = PlanItemReplica.find("planCode = ?1 and code = ?2 and removed = false",
                    request.planCode(), code).firstResult();
            if (item == null) {
                violations.add(new Violation("planCode", "plan " + request.planCode() + " has no item " + code
                        + " (known here yet) for the budget's lines to belong to"));
            } else if (item.fiscalYear != null && item.fiscalYear != fiscalYear) {
                violations.add(new Violation("planCode", "plan " + request.planCode() + " is the plan for FY"
                        + item.fiscalYear + ", not FY" + fiscalYear + ": a fiscal year's budget belongs to that "
                        + "year's plan"));
                return items;
            } else {
                items.put(code, item.id);
            }
        }
        return items;
    }

    /** Defines or updates the indicator of every line that takes actuals, and of the borrowing balance. */
    private int defineLineIndicators(BudgetEvent budget, Map<String, UUID> items) {
        // Every line indicator's lock first, before define() reads any (IndicatorService#lock), and in one order:
        // budgets of other years share line codes, and two taking them line by line waited for each other (a 500).
        indicators.lockAll(Stream.concat(budget.linesTakingActuals().stream().map(BudgetEvent.ActualLine::code),
                Stream.ofNullable(budget.borrowingLimit()).map(Ceiling::code)).toList());
        // Read after the locks: another year's budget putting a shared line has committed by now.
        Map<String, Map<Integer, Aggregation>> elsewhere = linesOfOtherYears(budget.fiscalYear());
        int count = 0;
        for (BudgetEvent.ActualLine line : budget.linesTakingActuals()) {
            Table table = line.table();
            Line l = line.line();
            define(line.code(), "tables[" + budget.tables().indexOf(table) + "].lines[" + table.lines().indexOf(l) + "].key",
                    table.titleJa() + " " + l.nameJa(), englishName(table.titleEn(), l.nameEn()), budget,
                    items.get(ITEM_OF_KIND.get(table.kind())), Aggregation.SUM, true, items, elsewhere);
            count++;
        }
        Ceiling ceiling = budget.borrowingLimit();
        if (ceiling != null) {
            define(ceiling.code(), "borrowingLimit.code", ceiling.nameJa(), ceiling.nameEn(), budget,
                    items.get(CEILING_ITEM), Aggregation.LAST, false, items, elsewhere);
            count++;
        }
        return count;
    }

    /** The line codes of the other years' budgets (latest versions): each year that has it, as a line or a ceiling. */
    private Map<String, Map<Integer, Aggregation>> linesOfOtherYears(int fiscalYear) {
        Map<String, Map<Integer, Aggregation>> lines = new HashMap<>();
        List<Integer> years = entityManager.createQuery(
                "select distinct b.fiscalYear from BudgetVersion b where b.fiscalYear <> :year", Integer.class)
                .setParameter("year", fiscalYear).getResultList();
        for (int year : years) {
            BudgetEvent other = latest(year);
            other.linesTakingActuals().forEach(line -> lines.computeIfAbsent(line.code(), c -> new HashMap<>())
                    .put(year, Aggregation.SUM));
            if (other.borrowingLimit() != null) {
                lines.computeIfAbsent(other.borrowingLimit().code(), c -> new HashMap<>()).put(year, Aggregation.LAST);
            }
        }
        return lines;
    }

    /**
     * Defines the line's indicator, or takes over one of this budget's, or the same line of other years' budgets (each
     * year's plan has its items): of the same kind and unit, it then takes actuals from the earliest year on (the
     * variance's previous-year profile reads last year's) and stays under the latest year's plan item, with its names.
     */
    private void define(String code, String field, String nameJa, String nameEn, BudgetEvent budget, UUID item,
            Aggregation aggregation, boolean allowsNegative, Map<String, UUID> budgetItems,
            Map<String, Map<Integer, Aggregation>> elsewhere) {
        Indicator existing = Indicator.findById(code);
        boolean ownLine = existing != null && budgetItems.containsValue(existing.planItemId);
        Map<Integer, Aggregation> years = elsewhere.getOrDefault(code, Map.of());
        if (existing != null && !ownLine) {
            boolean sameLine = !years.isEmpty() && existing.referenceOnly && existing.aggregation == aggregation
                    && years.values().stream().allMatch(aggregation::equals);
            if (!sameLine) {
                throw ProblemException.conflict(field, "the code " + code + " is taken by an indicator that is not "
                        + (years.isEmpty() ? "a line of a budget" : "a " + aggregation + " line in other years' budgets"));
            }
            if (!Objects.equals(existing.unit, budget.unit())) {
                throw ProblemException.conflict(field, "the code " + code + " is a line of other years' budgets counted in "
                        + existing.unit + ", and this budget counts in " + budget.unit());
            }
        }
        PlanItemReplica held = existing == null || ownLine ? null : PlanItemReplica.findById(existing.planItemId);
        boolean laterHolds = held != null && !held.removed
                && years.keySet().stream().anyMatch(year -> year > budget.fiscalYear());
        int first = existing == null ? budget.fiscalYear() : Math.min(existing.firstFiscalYear, budget.fiscalYear());
        indicators.put(code, new IndicatorRequest(code, laterHolds ? existing.nameJa : truncate(nameJa),
                laterHolds ? existing.nameEn : truncate(nameEn), budget.unit(), budgetDepartment(),
                laterHolds ? existing.planItemId : item, false, true, aggregation, List.of(), null, allowsNegative,
                first, List.of(), Frequency.MONTHLY, null, null, null));
    }

    private static String englishName(String table, String line) {
        return table == null || line == null ? line : table + ": " + line;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }

    private static BudgetEvent normalised(int fiscalYear, BudgetRequest r) {
        String unit = TextRules.blank(r.unit()) ? "million-yen" : r.unit();
        return stripped(new BudgetEvent(fiscalYear, 0, r.planCode(), r.reason(), unit, r.borrowingLimit(), r.tables(),
                null, null));
    }

    /** Amounts compared by value (1000 equals 1E+3, as JSON may give it back), without version and time. */
    private static BudgetEvent stripped(BudgetEvent e) {
        List<Table> tables = e.tables().stream().map(t -> new Table(t.code(), t.kind(), t.annex(), t.account(),
                t.segment(), t.titleJa(), t.titleEn(), t.rollupOf(), strip(t.personnelCost()), t.personnelCostJa(),
                t.lines().stream().map(l -> new Line(l.key(), l.nameJa(), l.nameEn(), l.side(), strip(l.amount()),
                        l.sumOf())).toList())).toList();
        Ceiling c = e.borrowingLimit();
        Ceiling ceiling = c == null ? null : new Ceiling(c.code(), c.nameJa(), c.nameEn(), strip(c.limit()), c.basisJa());
        return new BudgetEvent(e.fiscalYear(), 0, e.planCode(), e.reason(), e.unit(), ceiling, tables, null, null);
    }

    private static boolean same(BudgetEvent a, BudgetEvent b) {
        return Objects.equals(stripped(a), stripped(b));
    }

    private static BigDecimal strip(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }

    private BudgetEvent read(BudgetVersion version) {
        return InboundEvent.read(mapper, version.state, BudgetEvent.class);
    }

    private static BudgetVersion.Key key(int fiscalYear, long version) {
        BudgetVersion.Key key = new BudgetVersion.Key();
        key.fiscalYear = fiscalYear;
        key.version = version;
        return key;
    }

    private static void require(List<Violation> violations, String field, String value) {
        if (TextRules.blank(value)) {
            violations.add(new Violation(field, "must not be blank"));
        } else if (value.length() > 4000) {
            violations.add(new Violation(field, "at most 4000 characters"));
        }
    }

    private static void fail(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new ProblemException(422, "validation", "Invalid budget",
                    String.join("; ", violations.stream().map(v -> v.field() + ": " + v.reason()).toList()), violations);
        }
    }
}
