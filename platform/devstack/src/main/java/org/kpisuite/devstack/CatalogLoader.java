package org.kpisuite.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.kpisuite.testing.LocalTokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Loads a catalog file ({@code deploy/catalog/*.yaml}: a plan document — its items with their measures, initiatives
 * and milestones — and its indicators) through the public APIs, as an administrator would. Idempotent: the plan
 * import and {@code PUT /indicators/{code}} change nothing when the data is already there, so loading twice is
 * harmless, and the statuses, done dates and commentary the departments wrote are never touched.
 */
public final class CatalogLoader {

    /** indicator-service learns of new plan items through Kafka; give it this long. */
    private static final Duration REPLICA_WAIT = Duration.ofSeconds(60);

    private final String planUrl;
    private final String indicatorUrl;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** @param adminToken a kpi-admin bearer token: the catalog is loaded like any administrator would */
    public CatalogLoader(String planServiceUrl, String indicatorServiceUrl, String adminToken) {
        this.planUrl = planServiceUrl;
        this.indicatorUrl = indicatorServiceUrl;
        this.adminToken = adminToken;
    }

    /** What a load did: the plan import's counts and the outcome of each indicator. */
    public record Summary(String planCode, JsonNode planImport, Map<String, String> indicators) {
        @Override
        public String toString() {
            Map<String, Integer> outcomes = new TreeMap<>();
            indicators.values().forEach(o -> outcomes.merge(o, 1, Integer::sum));
            return "plan " + planCode + ": items " + counts(planImport) + ", measures " + counts(planImport.path("measures"))
                    + ", milestones " + counts(planImport.path("milestones")) + "; " + indicators.size() + " indicators "
                    + outcomes;
        }

        private static String counts(JsonNode counts) {
            return "{created " + counts.path("created").asInt() + ", updated " + counts.path("updated").asInt()
                    + ", unchanged " + counts.path("unchanged").asInt() + "}";
        }
    }

    public Summary load(Path catalogFile) throws IOException, InterruptedException {
        JsonNode catalog = new ObjectMapper(new YAMLFactory()).readTree(catalogFile.toFile());
        JsonNode plan = catalog.path("plan");
        String planCode = plan.path("code").asText();
        HttpResponse<String> imported = send("PUT", planUrl + "/api/v1/plans/" + encode(planCode) + "/document", plan);
        expect(imported, "importing plan " + planCode, 200, 201);

        Map<String, String> itemIds = new HashMap<>();
        HttpResponse<String> items = send("GET", planUrl + "/api/v1/plan-items?planCode=" + encode(planCode), null);
        expect(items, "listing the items of plan " + planCode, 200);
        json.readTree(items.body()).forEach(item -> itemIds.put(item.path("code").asText(), item.path("id").asText()));

        Map<String, String> outcomes = new java.util.LinkedHashMap<>();
        for (JsonNode indicator : catalog.path("indicators")) {
            ObjectNode request = indicator.deepCopy();
            String code = request.path("code").asText();
            String itemCode = request.remove("planItem").asText();
            String itemId = itemIds.get(itemCode);
            if (itemId == null) {
                throw new IllegalStateException("indicator " + code + " refers to plan item " + itemCode
                        + ", which plan " + planCode + " does not have");
            }
            request.put("planItemId", itemId);
            outcomes.put(code, putIndicator(code, request));
        }
        return new Summary(planCode, json.readTree(imported.body()), outcomes);
    }

    /**
     * Loads a budget file ({@code deploy/catalog/budget-*.yaml}: a fiscal year's budget tables and ceiling) through
     * {@code PUT /api/v1/budgets/{fiscalYear}}; an identical budget changes nothing. Answers the outcome (CREATED,
     * CHANGED or UNCHANGED). The plan it names must have been loaded first.
     */
    public String loadBudget(Path budgetFile) throws IOException, InterruptedException {
        ObjectNode request = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(budgetFile.toFile());
        int fiscalYear = request.remove("fiscalYear").asInt();
        String url = indicatorUrl + "/api/v1/budgets/" + fiscalYear;
        long deadline = System.nanoTime() + REPLICA_WAIT.toNanos();
        while (true) {
            HttpResponse<String> response = send("PUT", url, request);
            // indicator-service learns the plan's items Ⅳ.1–Ⅳ.3 and Ⅴ through Kafka.
            boolean itemsNotYetKnown = response.statusCode() == 422 && response.body().contains("\"planCode\"");
            if (!itemsNotYetKnown || System.nanoTime() > deadline) {
                expect(response, "loading the FY" + fiscalYear + " budget", 200, 201);
                return "FY" + fiscalYear + " budget " + response.headers().firstValue("X-Outcome").orElse("?");
            }
            Thread.sleep(250);
        }
    }

    private String putIndicator(String code, JsonNode request) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + REPLICA_WAIT.toNanos();
        while (true) {
            HttpResponse<String> response = send("PUT", indicatorUrl + "/api/v1/indicators/" + encode(code), request);
            boolean itemNotYetKnown = response.statusCode() == 422 && response.body().contains("\"planItemId\"");
            if (!itemNotYetKnown || System.nanoTime() > deadline) {
                expect(response, "defining indicator " + code, 200, 201);
                return response.headers().firstValue("X-Outcome").orElse(String.valueOf(response.statusCode()));
            }
            Thread.sleep(250);
        }
    }

    private HttpResponse<String> send(String method, String url, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + adminToken);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void expect(HttpResponse<String> response, String what, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return;
            }
        }
        throw new IllegalStateException(what + " failed with HTTP " + response.statusCode() + ": " + response.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Loads a catalog into a running suite: {@code CatalogLoader <file> [planServiceUrl indicatorServiceUrl]}, as
     * the administrator whose token is in KPI_TOKEN, or else with a token of the local key pair (.data/keys/).
     */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "deploy/catalog/fy2024.yaml");
        String plan = args.length > 2 ? args[1] : SuiteServices.PLAN.baseUrl();
        String indicator = args.length > 2 ? args[2] : SuiteServices.INDICATOR.baseUrl();
        String token = System.getenv("KPI_TOKEN");
        if (token == null || token.isBlank()) {
            token = LocalTokens.inDirectory(DevStack.keysDirectory(Path.of("").toAbsolutePath()))
                    .mint("catalog-loader", LocalTokens.ADMIN, null, Duration.ofMinutes(30));
        }
        CatalogLoader loader = new CatalogLoader(plan, indicator, token.trim());
        System.out.println("Catalog loaded: " + loader.load(file));
        for (Path budget : budgetFiles(file.toAbsolutePath().getParent())) {
            System.out.println("Budget loaded: " + loader.loadBudget(budget));
        }
    }

    /** The budget files beside a catalog ({@code budget-*.yaml}), in name order. */
    public static java.util.List<Path> budgetFiles(Path directory) throws IOException {
        try (var files = java.nio.file.Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().matches("budget-.*\\.ya?ml")).sorted().toList();
        }
    }
}
