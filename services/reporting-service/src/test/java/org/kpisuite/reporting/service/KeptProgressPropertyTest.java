package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.IndicatorEvent.Aggregation;
import org.kpisuite.events.IndicatorEvent.Comparator;
import org.kpisuite.events.IndicatorEvent.Condition;
import org.kpisuite.events.IndicatorEvent.ConditionKind;
import org.kpisuite.events.IndicatorEvent.Scope;
import org.kpisuite.events.IndicatorEvent.Target;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.Topics;
import org.kpisuite.events.IndicatorEvent.Part;
import org.kpisuite.events.IndicatorEvent.PartKind;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.fiscal.Frequency;
import org.kpisuite.fiscal.Period;
import org.kpisuite.messaging.InboundEvent;
import org.kpisuite.reporting.domain.MonthlyValue;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;


import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The kept read model against a full recalculation: random indicators get random sequences of values, corrections,
 * late (older) revisions and redeliveries, applied in random poll-sized batches through the consumers' own code.
 * After every batch, today's kept progress, the history's recalculation and a model worked out here from the raw
 * events (the latest revision of each key recorded by the end of the day) must agree exactly, as must the status
 * last published; past asOf dates must agree with the model too. Indicators are of every frequency (months,
 * quarters, halves, fiscal years) and every aggregation, distinct counts and two-part sums included.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class KeptProgressPropertyTest {

    private static final long SEED = Long.getLong("kpi.property.seed", 20241);
    private static final String[] DEPARTMENTS = { "dx", "security", "talent" };
    private static final String[] DOMAINS = { "a", "b", "c", "d" };

    @Inject
    ReadModelProjection projection;

    @Inject
    ProgressService progress;

    @Inject
    ProgressCalculation calculation;

    @Inject
    EntityManager entityManager;

    @Inject
    ProgressRefresher refresher;


    @Inject
    org.kpisuite.reporting.config.ReportingConfig config;

    @Test
    void keptProgressEqualsAFullRecalculation() throws Exception {
        Random random = new Random(SEED);
        LocalDate today = progress.today();
        int thisYear = FiscalCalendar.fiscalYearOf(YearMonth.from(today));
        for (int round = 0; round < 16; round++) {
            String code = "prop-" + round + "-" + UUID.randomUUID().toString().substring(0, 6);
            IndicatorEvent indicator = randomIndicator(random, code, thisYear, 1);
            applyIndicator(indicator);
            List<MeasurementEvent> events = randomEvents(random, indicator, thisYear, today);
            List<MeasurementEvent> applied = new ArrayList<>();
            int from = 0;
            while (from < events.size()) {
                int to = Math.min(events.size(), from + 1 + random.nextInt(40));
                List<MeasurementEvent> poll = events.subList(from, to);
                applyValues(poll);
                applied.addAll(poll);
                from = to;
                check(indicator, applied, today, random);
            }
            // A new definition: another target year, one dropped; the kept rows follow.
            IndicatorEvent redefined = randomIndicator(random, code, thisYear, 2);
            applyIndicator(redefined);
            check(redefined, applied, today, random);
            for (Target target : indicator.targets()) {
                if (redefined.targetFor(target.fiscalYear()) == null) {
                    assertThat(read(() -> progress.progress(code, target.fiscalYear(), today))).as("dropped target year")
                            .isNull();
                    assertThat(read(() -> progress.progress(target.fiscalYear(), today))).noneMatch(p -> p.indicator().code().equals(code));
                }
            }
        }
    }

    private void check(IndicatorEvent indicator, List<MeasurementEvent> applied, LocalDate today, Random random)
            throws Exception {
        for (Target target : indicator.targets()) {
            int year = target.fiscalYear();
            var kept = read(() -> progress.progress(indicator.code(), year, today));
            var full = read(() -> calculation.calculate(List.of(indicator), year, today).get(0));
            Progress model = model(indicator, year, today, applied);
            String what = indicator.code() + " FY" + year + " after " + applied.size() + " events";
            assertThat(json(kept.progress())).as("kept vs model, " + what).isEqualTo(json(model));
            assertThat(json(full.progress())).as("history vs model, " + what).isEqualTo(json(model));
            assertThat(publishedStatus(indicator.code(), year)).as("published status, " + what)
                    .isEqualTo(model.status().name());
            assertThat(read(() -> progress.progress(year, today))).filteredOn(p -> p.indicator().code().equals(indicator.code()))
                    .singleElement().satisfies(p -> assertThat(json(p.progress())).isEqualTo(json(model)));
            LocalDate past = today.minusDays(1 + random.nextInt(900));
            var asOf = read(() -> progress.progress(indicator.code(), year, past));
            assertThat(json(asOf.progress())).as("asOf " + past + ", " + what)
                    .isEqualTo(json(model(indicator, year, past, applied)));
        }
    }

    /** The values in force worked out from the raw events: per key, the highest revision recorded by the day's end. */
    private Progress model(IndicatorEvent indicator, int year, LocalDate asOf, List<MeasurementEvent> events) {
        Target target = indicator.targetFor(year);
        Instant endOfDay = asOf.plusDays(1).atStartOfDay(config.zone()).toInstant();
        Map<String, MeasurementEvent> latest = new HashMap<>();
        for (MeasurementEvent e : events) {
            Period period = Period.parse(e.period()).orElseThrow();
            int fy = period.fiscalYear();
            if (!e.recordedAt().isBefore(endOfDay) || period.firstMonth().isAfter(YearMonth.from(asOf))
                    || fy < target.firstYearNeeded() - 1 || fy > year) {
                continue;
            }
            String key = e.component() + "|" + e.breakdown() + "|" + e.department() + "|" + e.period();
            latest.merge(key, e, (a, b) -> a.revision() >= b.revision() ? a : b);
        }
        List<MonthlyValue> values = latest.values().stream().map(e -> new MonthlyValue(e.indicatorCode(),
                e.component() == null ? "" : e.component(), e.breakdown() == null ? "" : e.breakdown(),
                Period.parse(e.period()).orElseThrow(), e.value())).toList();
        return ProgressCalculator.calculate(new ProgressCalculator.Input(indicator.aggregation(), target,
                indicator.referenceOnly(), year, asOf, values, indicator.frequency(), indicator.parts()));
    }

    private IndicatorEvent randomIndicator(Random random, String code, int thisYear, long version) {
        Aggregation aggregation = Aggregation.values()[random.nextInt(Aggregation.values().length)];
        Frequency frequency = Frequency.values()[random.nextInt(Frequency.values().length)];
        List<Part> parts = aggregation == Aggregation.SUM_OF_PARTS
                ? List.of(new Part("stock", PartKind.STOCK_CHANGE), new Part("flow", PartKind.FLOW)) : List.of();
        List<String> components = aggregation == Aggregation.RATIO
                ? List.of(IndicatorEvent.NUMERATOR, IndicatorEvent.DENOMINATOR)
                : parts.stream().map(Part::component).toList();
        boolean breakdown = (aggregation == Aggregation.SUM && random.nextBoolean())
                || aggregation == Aggregation.DISTINCT_COUNT;
        List<Target> targets = new ArrayList<>();
        for (int year = thisYear - 2; year <= thisYear; year++) {
            if (random.nextInt(3) == 0 && !targets.isEmpty()) {
                continue;
            }
            Comparator comparator = random.nextInt(4) == 0 ? Comparator.AT_MOST : Comparator.AT_LEAST;
            BigDecimal value = aggregation == Aggregation.RATIO ? new BigDecimal("0.6")
                    : aggregation == Aggregation.YOY_CHANGE ? new BigDecimal("0.05")
                    : BigDecimal.valueOf(100 + random.nextInt(2000));
            Scope scope = Scope.FISCAL_YEAR;
            Integer since = null;
            Integer baselineYear = null;
            if (aggregation == Aggregation.SUM && random.nextInt(3) == 0) {
                scope = Scope.CUMULATIVE;
                since = year - 1 - random.nextInt(2);
            } else if (aggregation == Aggregation.SUM_OF_PARTS
                    || (aggregation == Aggregation.LAST || aggregation == Aggregation.SUM) && random.nextInt(3) == 0) {
                scope = Scope.CHANGE_FROM_BASELINE;
                baselineYear = year - 1 - random.nextInt(2);
            }
            // A baseline given as data half of the time (a two-part target's FY2022 settlement, say).
            BigDecimal baselineValue = aggregation == Aggregation.SUM_OF_PARTS && random.nextBoolean()
                    ? BigDecimal.valueOf(random.nextInt(1000)) : null;
            List<Condition> conditions = breakdown && random.nextBoolean()
                    ? List.of(new Condition(ConditionKind.MIN_DISTINCT_BREAKDOWN_VALUES, 2)) : List.of();
            targets.add(new Target(year, comparator, value, null, null, scope, since, baselineYear, baselineValue,
                    conditions, null));
        }
        IndicatorEvent.Breakdown dimension = !breakdown ? null
                : aggregation == Aggregation.DISTINCT_COUNT
                        ? new IndicatorEvent.Breakdown("body", "団体", "Body", List.of(), IndicatorEvent.Openness.FREE)
                        : new IndicatorEvent.Breakdown("domain", "分野", "Domain", List.of(DOMAINS));
        return new IndicatorEvent(code, "指標", "Indicator", "count", DEPARTMENTS[0], UUID.randomUUID(),
                random.nextBoolean(), random.nextInt(6) == 0, aggregation, components, dimension,
                aggregation == Aggregation.SUM_OF_PARTS, thisYear - 4, null, targets, false, version, Instant.now(),
                frequency, parts, List.of(), random.nextBoolean() ? IndicatorEvent.Direction.DOWN : null);
    }

    /** Values, corrections and redeliveries over four fiscal years, recorded at random past instants, shuffled. */
    private List<MeasurementEvent> randomEvents(Random random, IndicatorEvent indicator, int thisYear, LocalDate today) {
        List<MeasurementEvent> events = new ArrayList<>();
        YearMonth last = YearMonth.from(today);
        int keys = 10 + random.nextInt(40);
        java.util.Set<String> keysDrawn = new java.util.HashSet<>();
        for (int k = 0; k < keys; k++) {
            YearMonth pick = FiscalCalendar.months(thisYear - 3 + random.nextInt(4)).get(random.nextInt(12));
            Period period = Period.of(indicator.frequency(), pick.isAfter(last) ? last : pick);
            YearMonth month = period.lastMonth(); // recorded after the period, or as late as today allows
            String component = indicator.components().isEmpty() ? null
                    : indicator.components().get(random.nextInt(indicator.components().size()));
            String breakdown = indicator.breakdown() == null ? null
                    : indicator.aggregation() == Aggregation.DISTINCT_COUNT ? "body-" + random.nextInt(12)
                    : DOMAINS[random.nextInt(DOMAINS.length)];
            String department = DEPARTMENTS[random.nextInt(DEPARTMENTS.length)];
            // Each key has one sequence of revisions, as ingestion makes them (with few periods, e.g. fiscal years,
            // two draws of one key would give two different revision 1s, which no producer sends).
            if (!keysDrawn.add(component + "|" + breakdown + "|" + department + "|" + period)) {
                continue;
            }
            Instant recorded = month.atEndOfMonth().plusDays(1 + random.nextInt(40)).atStartOfDay(ZoneId.of("UTC"))
                    .toInstant();
            int revisions = 1 + random.nextInt(3);
            for (int r = 1; r <= revisions; r++) {
                if (recorded.isAfter(Instant.now())) {
                    recorded = Instant.now().minusSeconds(60);
                }
                BigDecimal value = indicator.aggregation() == Aggregation.DISTINCT_COUNT
                        ? BigDecimal.valueOf(random.nextInt(4) == 0 ? 0 : 1)
                        : BigDecimal.valueOf(random.nextInt(50_000) - (indicator.allowsNegative() ? 10_000 : 0),
                                random.nextInt(3));
                boolean monthly = period.frequency() == Frequency.MONTHLY;
                MeasurementEvent event = new MeasurementEvent(UUID.randomUUID(), indicator.code(), component, breakdown,
                        department, monthly ? period.toString() : null, value, r, null, r > 1 ? "correction" : null,
                        "test", recorded, List.of(), period.toString());
                events.add(event);
                if (random.nextInt(8) == 0) {
                    events.add(event); // a redelivery
                }
                recorded = recorded.plusSeconds(3600L * (1 + random.nextInt(24 * 60)));
            }
        }
        Collections.shuffle(events, random); // late revisions: a correction may arrive before what it corrects
        return events;
    }

    private void applyIndicator(IndicatorEvent indicator) throws Exception {
        InboundEvent event = new InboundEvent(UUID.randomUUID().toString(), IndicatorEvent.TYPE_CHANGED,
                indicator.code(), SuiteEvents.json(indicator));
        QuarkusTransaction.requiringNew().run(() -> {
            projection.apply(Topics.INDICATORS, event);
            projection.flush();
        });
    }

    private void applyValues(List<MeasurementEvent> poll) throws Exception {
        List<InboundEvent> events = new ArrayList<>();
        for (MeasurementEvent m : poll) {
            events.add(new InboundEvent(UUID.randomUUID().toString(), m.type(), m.indicatorCode(),
                    SuiteEvents.json(m)));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            events.forEach(e -> projection.apply(Topics.MEASUREMENTS, e));
            projection.flush();
        });
        refresher.drain(); // what the refresher's thread does once a poll has committed, here at once
    }

    /** Each read in a transaction of its own, as each request has its own session in the service. */
    private static <T> T read(java.util.function.Supplier<T> read) {
        return QuarkusTransaction.requiringNew().call(read::get);
    }

    private String publishedStatus(String code, int year) {
        return QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(
                "select status from indicator_status where indicator_code = :code and fiscal_year = :year")
                .setParameter("code", code).setParameter("year", year).getResultList().stream().findFirst().orElse(null));
    }

    private String json(Object value) throws Exception {
        return SuiteEvents.json(value);
    }
}
