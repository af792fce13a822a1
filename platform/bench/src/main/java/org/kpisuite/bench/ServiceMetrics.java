package org.kpisuite.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the time went inside the services, from their Prometheus metrics ({@code /q/metrics}) after the run:
 * time per HTTP endpoint, per consumer transaction and per status recalculation.
 */
final class ServiceMetrics {

    private static final List<String> KEPT = List.of("http_server_requests_seconds_count", "http_server_requests_seconds_sum",
            "http_server_requests_seconds_max", "kpi_events_transaction_seconds", "kpi_events_consumed_total",
            "kpi_progress_refresh_seconds", "kpi_progress_recalculated_total", "kpi_outbox_published_total",
            "kpi_progress_lag_seconds", "kpi_ingestion_group_commit");

    private ServiceMetrics() {
    }

    /** The kept series of one service, as name{labels} → value; empty when the service does not answer. */
    static Map<String, Double> scrape(SuiteClient client, String baseUrl) {
        Map<String, Double> kept = new LinkedHashMap<>();
        SuiteClient.Answer answer;
        try {
            answer = client.getText(baseUrl + "/q/metrics");
        } catch (IllegalStateException e) {
            return kept;
        }
        if (!answer.ok()) {
            return kept;
        }
        for (String line : answer.body().split("\n")) {
            if (line.startsWith("#") || KEPT.stream().noneMatch(line::startsWith)
                    || line.contains("/q/") || line.contains("uri=\"/\"")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            try {
                kept.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                // not a sample line
            }
        }
        return kept;
    }

    /** The mean in milliseconds of a timer whose _count and _sum series have the given name and labels. */
    static double meanMillis(Map<String, Double> metrics, String name, String labelsContaining) {
        double count = 0;
        double sum = 0;
        for (var e : metrics.entrySet()) {
            if (e.getKey().startsWith(name + "_count") && e.getKey().contains(labelsContaining)) {
                count += e.getValue();
            } else if (e.getKey().startsWith(name + "_sum") && e.getKey().contains(labelsContaining)) {
                sum += e.getValue();
            }
        }
        return count == 0 ? Double.NaN : sum / count * 1000;
    }

    static double total(Map<String, Double> metrics, String name, String labelsContaining) {
        return metrics.entrySet().stream().filter(e -> e.getKey().startsWith(name) && e.getKey().contains(labelsContaining))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** The few figures that say where the time went, for the summary. */
    static Map<String, Object> summary(Map<String, Double> ingestion, Map<String, Double> reporting) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("ingestionSinglePostMeanMs", round(meanMillis(ingestion, "http_server_requests_seconds",
                "method=\"POST\",outcome=\"SUCCESS\",status=\"201\",uri=\"/api/v1/measurements\"")));
        s.put("ingestionBatchPostMeanMs", round(meanMillis(ingestion, "http_server_requests_seconds",
                "uri=\"/api/v1/measurements/batch\"")));
        // Single submissions are written in groups (GroupCommitter): how many, how large, how long a group's write.
        double groups = total(ingestion, "kpi_ingestion_group_commit_size_count", "");
        s.put("singleGroups", groups);
        s.put("submissionsPerGroup", round(groups == 0 ? Double.NaN
                : total(ingestion, "kpi_ingestion_group_commit_size_sum", "") / groups));
        s.put("groupWriteMeanMs", round(meanMillis(ingestion, "kpi_ingestion_group_commit_seconds", "")));
        double events = total(reporting, "kpi_events_consumed_total", "kpi.measurements.v1");
        double transactions = total(reporting, "kpi_events_transaction_seconds_count", "kpi.measurements.v1");
        s.put("reportingMeasurementEvents", events);
        s.put("reportingMeasurementTransactions", transactions);
        s.put("reportingEventsPerTransaction", round(transactions == 0 ? Double.NaN : events / transactions));
        s.put("reportingTransactionMeanMs", round(meanMillis(reporting, "kpi_events_transaction_seconds",
                "kpi.measurements.v1")));
        s.put("reportingConsumerBusySeconds", round(total(reporting, "kpi_events_transaction_seconds_sum", "")));
        // Reporting's recalculation of kept progress: a pass of its refresher over the marks of the polls committed
        // since the last one (and a definition's own transaction); the lag from a poll's commit to its progress.
        s.put("progressRefreshMeanMs", round(meanMillis(reporting, "kpi_progress_refresh_seconds", "")));
        double refreshes = total(reporting, "kpi_progress_refresh_seconds_count", "");
        s.put("progressRefreshes", refreshes);
        s.put("indicatorYearsPerRefresh", round(refreshes == 0 ? Double.NaN
                : total(reporting, "kpi_progress_recalculated_total", "") / refreshes));
        s.put("progressRefreshSeconds", round(total(reporting, "kpi_progress_refresh_seconds_sum", "")));
        s.put("progressLagMeanMs", round(meanMillis(reporting, "kpi_progress_lag_seconds", "")));
        s.put("progressLagMaxMs", round(total(reporting, "kpi_progress_lag_seconds_max", "") * 1000));
        s.put("progressGetMeanMs", round(meanMillis(reporting, "http_server_requests_seconds",
                "uri=\"/api/v1/progress\"")));
        return s;
    }

    private static double round(double value) {
        return Latencies.round(value);
    }
}
