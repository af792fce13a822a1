package org.kpisuite.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.kpisuite.fiscal.FiscalCalendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The benchmark's data, set up through the public APIs: a plan with ten chapters, the indicators (SUM, a target
 * in each of the last completed fiscal years, spread over the departments), and the expected values.
 */
public final class Dataset {

    private static final long WAIT_NANOS = TimeUnit.MINUTES.toNanos(5);

    final BenchSettings settings;
    final SuiteClient client;
    final Endpoints endpoints;
    final ObjectMapper mapper = new ObjectMapper();
    final String runId = UUID.randomUUID().toString().substring(0, 6);
    final int[] fiscalYears;
    final Expected expected;
    /** The indicators created so far (0 … active − 1): the scale points grow the data set in steps. */
    private volatile int active;
    private String plan;
    private final List<String> planItemIds = new ArrayList<>();

    Dataset(BenchSettings settings, SuiteClient client, Endpoints endpoints) {
        this.settings = settings;
        this.client = client;
        this.endpoints = endpoints;
        // Completed fiscal years only: every month can be submitted and each year's actual is final.
        int current = FiscalCalendar.fiscalYearOf(YearMonth.from(LocalDate.now(ZoneId.of("Asia/Tokyo"))));
        fiscalYears = new int[settings.fiscalYears()];
        for (int y = 0; y < fiscalYears.length; y++) {
            fiscalYears[y] = current - fiscalYears.length + y;
        }
        expected = new Expected(settings.scale() == BenchSettings.Scale.FULL
                ? Math.max(settings.indicators(), settings.largeIndicators()) : settings.indicators(), fiscalYears.length);
    }

    String code(int indicator) {
        return "b" + runId + "-i" + String.format("%05d", indicator);
    }

    boolean ours(String code) {
        return code.startsWith("b" + runId + "-i");
    }

    int indicatorOf(String code) {
        return Integer.parseInt(code.substring(code.lastIndexOf('i') + 1));
    }

    String department(int indicator) {
        return "bench-d" + String.format("%02d", indicator % settings.departments());
    }

    /** Month m (0 = April) of fiscal year index y, as YYYY-MM. */
    String month(int year, int m) {
        return YearMonth.of(fiscalYears[year], 4).plusMonths(m).toString();
    }

    int lastYear() {
        return fiscalYears.length - 1;
    }

    /** A value that differs between indicators and months, so a mix-up would show. */
    static long initialValue(int indicator, int year, int month) {
        return 100 + (indicator * 7L + year * 3L + month) % 50;
    }

    int active() {
        return active;
    }

    /**
     * Indicators {@code active} … {@code count − 1} (the plan and its chapters first); waits until ingestion and
     * reporting know every one of them.
     */
    void create(int count) throws Exception {
        if (plan == null) {
            createPlan();
        }
        int from = active;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = from; i < count; i++) {
                int indicator = i;
                puts.add(pool.submit(() -> defineIndicator(indicator)));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdownNow();
        }
        awaitIngestionKnowsIndicators(from, count);
        awaitReportingKnowsIndicators(count);
        active = count;
    }

    private void createPlan() {
        plan = "BENCH-" + runId.toUpperCase();
        check(client.post(endpoints.plan() + "/api/v1/plans", """
                {"code":"%s","agency":"BENCH","fiscalYear":%d,"nameJa":"負荷試験計画","nameEn":"Benchmark plan"}
                """.formatted(plan, fiscalYears[lastYear()])), "create plan");
        for (int c = 1; c <= 10; c++) {
            var answer = check(client.post(endpoints.plan() + "/api/v1/plan-items", """
                    {"planCode":"%s","code":"B.%d","nameJa":"第%d章","nameEn":"Chapter %d","sortOrder":%d}
                    """.formatted(plan, c, c, c, c)), "create plan item");
            planItemIds.add(answer.json(mapper).get("id").asText());
        }
    }

    private void defineIndicator(int i) {
        StringBuilder targets = new StringBuilder();
        for (int y = 0; y < fiscalYears.length; y++) {
            targets.append(y == 0 ? "" : ",").append("{\"fiscalYear\":%d,\"comparator\":\"AT_LEAST\",\"value\":%d}"
                    .formatted(fiscalYears[y], 1200 + (i % 7) * 100));
        }
        String body = """
                {"code":"%s","nameJa":"負荷試験指標%d","nameEn":"Benchmark indicator %d","unit":"cases",
                 "department":"%s","planItemId":"%s","coreTarget":%s,"aggregation":"SUM","targets":[%s]}
                """.formatted(code(i), i, i, department(i), planItemIds.get(i % planItemIds.size()), i % 10 == 0, targets);
        // indicator-service learns of the plan items from Kafka: the first attempts may not find them yet.
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            var answer = client.put(endpoints.indicator() + "/api/v1/indicators/" + code(i), body);
            if (answer.ok()) {
                return;
            }
            if (answer.status() != 422 || System.nanoTime() > deadline) {
                throw new IllegalStateException("PUT indicator " + code(i) + ": HTTP " + answer.status() + " " + answer.body());
            }
            sleep(200);
        }
    }

    /** A dry-run batch with one row per indicator passes once ingestion has every indicator in its replica. */
    private void awaitIngestionKnowsIndicators(int from, int to) {
        StringBuilder rows = new StringBuilder();
        for (int i = from; i < to; i++) {
            rows.append(i == from ? "" : ",").append(row(i, 0, 0, 1, null));
        }
        String body = "{\"dryRun\":true,\"rows\":[" + rows + "]}";
        long deadline = System.nanoTime() + WAIT_NANOS;
        SuiteClient.Answer answer;
        // A dry run answers 200 with its rejections listed: it passes once none is left.
        while (!(answer = client.post(endpoints.ingestion() + "/api/v1/measurements/batch", body)).ok()
                || answer.json(mapper).path("rejected").asInt(-1) != 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ingestion did not learn of the indicators: " + answer.body());
            }
            sleep(250);
        }
    }

    private void awaitReportingKnowsIndicators(int count) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        int known;
        while ((known = progress(lastYear()).size()) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reporting knows " + known + " of the " + count
                        + " indicators after 5 minutes");
            }
            sleep(250);
        }
    }

    String row(int indicator, int year, int month, long value, String reason) {
        return "{\"indicatorCode\":\"%s\",\"department\":\"%s\",\"month\":\"%s\",\"value\":%d%s}".formatted(code(indicator),
                department(indicator), month(year, month), value, reason == null ? "" : ",\"reason\":\"" + reason + "\"");
    }

    /** This run's indicators in GET /api/v1/progress of fiscal year index y: code → actual. */
    Map<String, BigDecimal> progress(int year) {
        var answer = check(client.get(endpoints.reporting() + "/api/v1/progress?fiscalYear=" + fiscalYears[year]),
                "GET progress");
        Map<String, BigDecimal> actuals = new HashMap<>();
        for (JsonNode entry : answer.json(mapper)) {
            String code = entry.get("indicatorCode").asText();
            if (ours(code)) {
                JsonNode actual = entry.get("actual");
                actuals.put(code, actual == null || actual.isNull() ? null : actual.decimalValue());
            }
        }
        return actuals;
    }

    /** Whether reporting shows the expected actual of every indicator in fiscal year index y. */
    boolean visible(int year) {
        Map<String, BigDecimal> actuals = progress(year);
        for (int i = 0; i < active; i++) {
            BigDecimal actual = actuals.get(code(i));
            if (actual == null || actual.compareTo(BigDecimal.valueOf(expected.actual(i, year))) != 0) {
                return false;
            }
        }
        return true;
    }

    static SuiteClient.Answer check(SuiteClient.Answer answer, String what) {
        if (!answer.ok()) {
            throw new IllegalStateException(what + ": HTTP " + answer.status() + " " + answer.body());
        }
        return answer;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
