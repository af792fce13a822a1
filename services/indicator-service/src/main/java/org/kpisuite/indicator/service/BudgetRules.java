package org.kpisuite.indicator.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.kpisuite.events.BudgetEvent;
import org.kpisuite.events.BudgetEvent.Line;
import org.kpisuite.events.BudgetEvent.Table;
import org.kpisuite.problem.Problem.Violation;
import org.kpisuite.problem.TextRules;

/** The structural rules of a budget: every violation named by its field, none guessed away. */
public final class BudgetRules {

    static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    static final int MAX_TABLES = 200;
    static final int MAX_LINES = 200;
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1e15");

    private BudgetRules() {
    }

    public static List<Violation> check(BudgetRequest r) {
        List<Violation> violations = new ArrayList<>();
        text(violations, "planCode", r.planCode(), 64, true);
        text(violations, "reason", r.reason(), 500, false);
        text(violations, "unit", r.unit(), 64, false);
        if (r.borrowingLimit() != null) {
            var c = r.borrowingLimit();
            code(violations, "borrowingLimit.code", c.code());
            text(violations, "borrowingLimit.nameJa", c.nameJa(), 400, true);
            text(violations, "borrowingLimit.nameEn", c.nameEn(), 400, false);
            text(violations, "borrowingLimit.basisJa", c.basisJa(), 2000, false);
            if (c.limit() == null || c.limit().signum() <= 0) {
                violations.add(new Violation("borrowingLimit.limit", "must be above zero"));
            } else {
                amount(violations, "borrowingLimit.limit", c.limit());
            }
        }
        List<Table> tables = r.tables() == null ? List.of() : r.tables();
        if (tables.isEmpty()) {
            violations.add(new Violation("tables", "must list at least one table"));
        } else if (tables.size() > MAX_TABLES) {
            violations.add(new Violation("tables", "at most " + MAX_TABLES + " tables"));
            return violations;
        }
        Map<String, Table> byCode = new HashMap<>();
        for (int t = 0; t < tables.size(); t++) {
            Table table = tables.get(t);
            String at = "tables[" + t + "].";
            if (table == null) {
                violations.add(new Violation("tables[" + t + "]", "must not be null"));
                continue;
            }
            if (code(violations, at + "code", table.code()) && byCode.putIfAbsent(table.code(), table) != null) {
                violations.add(new Violation(at + "code", "repeats the table " + table.code()));
            }
            if (table.kind() == null) {
                violations.add(new Violation(at + "kind", "must be BUDGET, INCOME_EXPENDITURE or CASH_FLOW"));
            }
            text(violations, at + "annex", table.annex(), 16, false);
            if (text(violations, at + "account", table.account(), 64, true) && !CODE.matcher(table.account()).matches()) {
                violations.add(new Violation(at + "account", "must be lower-case letters, digits and dashes"));
            }
            if (table.segment() != null && !CODE.matcher(table.segment()).matches()) {
                violations.add(new Violation(at + "segment", "must be lower-case letters, digits and dashes"));
            }
            text(violations, at + "titleJa", table.titleJa(), 300, true);
            text(violations, at + "titleEn", table.titleEn(), 300, false);
            text(violations, at + "personnelCostJa", table.personnelCostJa(), 2000, false);
            if (table.personnelCost() != null) {
                if (table.personnelCost().signum() < 0) {
                    violations.add(new Violation(at + "personnelCost", "must not be negative"));
                }
                amount(violations, at + "personnelCost", table.personnelCost());
            }
            lines(table, at, violations);
        }
        for (int t = 0; t < tables.size(); t++) {
            Table table = tables.get(t);
            if (table != null && table.code() != null) {
                rollup(table, "tables[" + t + "].", byCode, violations);
            }
        }
        return violations;
    }

    private static void lines(Table table, String at, List<Violation> violations) {
        if (table.lines().isEmpty()) {
            violations.add(new Violation(at + "lines", "must list at least one line"));
            return;
        }
        if (table.lines().size() > MAX_LINES) {
            violations.add(new Violation(at + "lines", "at most " + MAX_LINES + " lines"));
            return;
        }
        Map<String, Line> byKey = new HashMap<>();
        for (int l = 0; l < table.lines().size(); l++) {
            Line line = table.lines().get(l);
            String la = at + "lines[" + l + "].";
            if (line == null) {
                violations.add(new Violation(at + "lines[" + l + "]", "must not be null"));
                continue;
            }
            if (code(violations, la + "key", line.key())) {
                if (byKey.putIfAbsent(line.key(), line) != null) {
                    violations.add(new Violation(la + "key", "repeats the line " + line.key()));
                } else if (table.code() != null && (table.code() + "-" + line.key()).length() > 64) {
                    violations.add(new Violation(la + "key", "with the table's code makes " + table.code() + "-"
                            + line.key() + ", longer than an indicator code's 64 characters"));
                }
            }
            text(violations, la + "nameJa", line.nameJa(), 300, true);
            text(violations, la + "nameEn", line.nameEn(), 300, false);
            if (line.side() == null) {
                violations.add(new Violation(la + "side", "must be REVENUE, EXPENDITURE or RESULT"));
            }
            if (line.amount() != null) {
                amount(violations, la + "amount", line.amount());
            }
        }
        for (int l = 0; l < table.lines().size(); l++) {
            Line line = table.lines().get(l);
            if (line == null) {
                continue;
            }
            for (int s = 0; s < line.sumOf().size(); s++) {
                String part = line.sumOf().get(s);
                String key = part == null ? null : part.startsWith("-") ? part.substring(1) : part;
                String field = at + "lines[" + l + "].sumOf[" + s + "]";
                if (key == null || !byKey.containsKey(key)) {
                    violations.add(new Violation(field, "names no line of table " + table.code() + " (" + part + ")"));
                } else if (key.equals(line.key())) {
                    violations.add(new Violation(field, "a line cannot add up itself"));
                }
            }
            if (new HashSet<>(line.sumOf()).size() != line.sumOf().size()) {
                violations.add(new Violation(at + "lines[" + l + "].sumOf", "must not repeat a line"));
            }
        }
        String cycle = cycle(byKey);
        if (cycle != null) {
            violations.add(new Violation(at + "lines", "the totals go round in a circle through " + cycle));
        }
    }

    /** A line whose sumOf leads back to it, or null. */
    private static String cycle(Map<String, Line> byKey) {
        Map<String, Integer> state = new HashMap<>();
        for (String key : byKey.keySet()) {
            String found = visit(key, byKey, state);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String visit(String key, Map<String, Line> byKey, Map<String, Integer> state) {
        Integer s = state.get(key);
        if (s != null) {
            return s == 1 ? key : null;
        }
        state.put(key, 1);
        Line line = byKey.get(key);
        if (line != null) {
            for (String part : line.sumOf()) {
                String next = part == null ? null : part.startsWith("-") ? part.substring(1) : part;
                if (next != null && byKey.containsKey(next) && !next.equals(key)) {
                    String found = visit(next, byKey, state);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        state.put(key, 2);
        return null;
    }

    private static void rollup(Table table, String at, Map<String, Table> byCode, List<Violation> violations) {
        Set<String> keysBelow = new HashSet<>();
        for (int i = 0; i < table.rollupOf().size(); i++) {
            String code = table.rollupOf().get(i);
            Table below = code == null ? null : byCode.get(code);
            String field = at + "rollupOf[" + i + "]";
            if (below == null) {
                violations.add(new Violation(field, "names no table of this budget (" + code + ")"));
            } else if (below == table) {
                violations.add(new Violation(field, "a table cannot roll up itself"));
            } else if (below.kind() != table.kind()) {
                violations.add(new Violation(field, code + " is a " + below.kind() + " table, not " + table.kind()));
            } else if (reaches(below, table, byCode, new HashSet<>())) {
                violations.add(new Violation(field, code + " rolls up " + table.code() + " in turn"));
            } else {
                below.lines().stream().filter(l -> l != null).forEach(l -> keysBelow.add(l.key()));
            }
        }
        if (table.rollupOf().isEmpty() || keysBelow.isEmpty()) {
            return;
        }
        for (int l = 0; l < table.lines().size(); l++) {
            Line line = table.lines().get(l);
            if (line != null && !line.isTotal() && line.key() != null && !keysBelow.contains(line.key())) {
                violations.add(new Violation(at + "lines[" + l + "].key", "no table " + table.code()
                        + " rolls up has a line " + line.key() + ", so it could never have an actual"));
            }
        }
    }

    private static boolean reaches(Table from, Table target, Map<String, Table> byCode, Set<String> seen) {
        if (!seen.add(from.code())) {
            return false;
        }
        for (String code : from.rollupOf()) {
            Table next = byCode.get(code);
            if (next == target || (next != null && reaches(next, target, byCode, seen))) {
                return true;
            }
        }
        return false;
    }

    private static boolean code(List<Violation> violations, String field, String value) {
        if (value == null || !CODE.matcher(value).matches()) {
            violations.add(new Violation(field, "must be 2–63 lower-case letters, digits and dashes"));
            return false;
        }
        return true;
    }

    private static boolean text(List<Violation> violations, String field, String value, int max, boolean required) {
        if (TextRules.blank(value)) {
            if (required) {
                violations.add(new Violation(field, "must not be blank"));
            }
            return false;
        }
        if (value.length() > max) {
            violations.add(new Violation(field, "at most " + max + " characters"));
            return false;
        }
        return true;
    }

    private static void amount(List<Violation> violations, String field, BigDecimal value) {
        if (value.abs().compareTo(MAX_AMOUNT) >= 0) {
            violations.add(new Violation(field, "must be below 10^15"));
        } else if (value.stripTrailingZeros().scale() > 6) {
            violations.add(new Violation(field, "at most 6 decimal places"));
        }
    }
}
