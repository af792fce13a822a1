package org.kpisuite.reporting.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.security.Roles;
import org.kpisuite.reporting.service.ProgressCursor;
import org.kpisuite.reporting.service.BudgetLineCursor;
import org.kpisuite.reporting.service.BudgetReports;
import org.kpisuite.reporting.service.ExportFact;
import org.kpisuite.reporting.service.ExportService;
import org.kpisuite.reporting.service.PlanReviews;
import org.kpisuite.reporting.service.PlanRowCursor;
import org.kpisuite.reporting.service.PlanTree;
import org.kpisuite.reporting.service.PlanTreeService;
import org.kpisuite.reporting.service.ProgressService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Flat JSON and CSV for BI tools (Power BI, Excel, scripts): the fact table, the progress list and the plan tree. */
@Path("/api/v1/exports")
@Tag(name = "Exports", description = "Flat JSON or CSV for BI tools: paged with an opaque cursor, incremental with "
        + "updatedSince, cacheable with ETag / If-None-Match")
@Produces({ MediaType.APPLICATION_JSON, ExportFormat.CSV_TYPE })
public class ExportResource {

    private static final String COMMON = "\n\n" + """
            **Format.** JSON by default. CSV with `format=csv` or `Accept: text/csv` (the format parameter wins; \
            an Accept that refuses both JSON and CSV, such as `*/*;q=0`, is a `406` naming `Accept`; a charset \
            asked for in Accept does not change the CSV's, which is UTF-8): RFC 4180, UTF-8, a header row of the JSON property names, CRLF line ends, a field quoted with double \
            quotes when it holds a comma, a quote or a line break (quotes doubled). A null is an empty field. \
            Add `bom=true` to start the CSV with the UTF-8 byte order mark (EF BB BF), which Excel needs to show \
            Japanese names correctly; Power BI and scripts do not need it. Every CSV page has its header row.

            **Paging.** At most `limit` rows (default 1000, at most 10000) per answer. When more follow, the \
            answer carries `nextCursor` (JSON body), the header `X-Next-Cursor: <cursor>` and the header \
            `Link: <same URL with cursor=…>; rel="next"`: request that URL until an answer has no next link \
            (`nextCursor` null). A cursor is opaque (base64url of the last row's sort key); pass it unchanged \
            with the same other parameters.

            **Caching.** Every 200 has a strong `ETag` (SHA-256 of the exact body bytes and of the next cursor) \
            and `Cache-Control: no-cache`. Send it back as `If-None-Match`: when nothing changed the answer is \
            `304 Not Modified` with no body (ETag, Link and X-Next-Cursor still set).

            **Errors.** A malformed parameter is a `400 application/problem+json` whose `violations[0].field` \
            names it (`fiscalYear`, `indicatorCode`, `updatedSince`, `asOf`, `limit`, `cursor`, `format`, `bom`).""";

    @Inject
    ExportService exports;

    @Inject
    ProgressService progress;

    @Inject
    BudgetReports budgets;

    @Inject
    PlanTreeService trees;

    @Inject
    PlanReviews reviews;

    @Inject
    ObjectMapper mapper;

    @Context
    UriInfo uri;

    @Context
    Request request;

    @Context
    HttpHeaders headers;

    @GET
    @RolesAllowed({ Roles.BI, Roles.ADMIN })
    @Path("/facts")
    @Operation(operationId = "exportFacts",
            summary = "The fact table: the value in force of every indicator, department, month, component and "
            + "breakdown value", description = """
            One row per indicator × department × month × component × breakdown value, with the value in force: \
            its latest revision (`revision`, `value`). `recordedAt` is when the value was first recorded, \
            `updatedAt` when its latest revision was. The key of a row is (indicatorCode, department, month, \
            component, breakdown); names and unit are the indicator's current ones.

            **Order.** Rows come ordered by `updatedAt`, then indicatorCode, component, breakdown, department, \
            month: a stable order in which every row has one place, so paging through returns each row exactly \
            once. A value corrected while you page moves to the end (its updatedAt is new) and comes again \
            with its new revision: load rows as upserts by key, the one with the latest updatedAt wins.

            **Incremental refresh.** Load everything once, and remember the largest `updatedAt` you loaded (the \
            last row of the last page). Next time ask with `updatedSince=<that instant>`: only rows whose latest \
            revision was recorded strictly after it come back — new values, and corrections as their row with \
            the higher revision (recordedAt unchanged, updatedAt new). Upsert them by key. Values reach this \
            service through an event stream, so a value recorded just before your last pull may arrive just after \
            it: subtract a safety margin of a few minutes from updatedSince; the upsert makes the overlap harmless.

            Example (a script): `GET /api/v1/exports/facts?fiscalYear=2024&format=csv&limit=5000`, then follow \
            `Link rel="next"` until there is none; tomorrow \
            `GET /api/v1/exports/facts?updatedSince=2025-04-30T23:55:00Z&format=csv`.""" + COMMON)
    @APIResponse(responseCode = "200", description = "A page of rows",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExportFactsPage.class)),
                    @Content(mediaType = ExportFormat.CSV_TYPE, schema = @Schema(type = SchemaType.STRING,
                            description = "RFC 4180 CSV, header row, UTF-8 (with BOM when bom=true); the columns of ExportFact"),
                            examples = @ExampleObject(name = "csv", value = """
                                    indicatorCode,indicatorNameJa,indicatorNameEn,unit,department,fiscalYear,month,component,breakdown,value,revision,recordedAt,updatedAt
                                    manabi-dx-accesses,「マナビＤＸ」へのアクセス数,Manabi DX accesses,accesses,digital-talent,2024,2024-05,,,165000,2,2024-06-07T01:00:00Z,2024-06-20T05:30:00Z
                                    """)) })
    @APIResponse(responseCode = "400", description = "A malformed parameter, named in violations[0].field")
    @APIResponse(responseCode = "406", description = "Accept refuses both application/json and text/csv, named in violations[0].field")
    public Response facts(
            @Parameter(description = "Only months of this Japanese fiscal year (April to March)", example = "2024",
                    schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("fiscalYear") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer fiscalYear,
            @Parameter(description = "Only this indicator", example = "manabi-dx-accesses")
            @QueryParam("indicatorCode") String indicatorCode,
            @Parameter(description = "Only rows whose latest revision was recorded strictly after this instant "
                    + "(ISO 8601 with Z or an offset; encode + as %2B)", example = "2025-04-30T23:55:00Z")
            @QueryParam("updatedSince") Instant updatedSince,
            @Parameter(description = "The nextCursor (or X-Next-Cursor) of the previous answer, unchanged",
                    schema = @Schema(type = SchemaType.STRING))
            @QueryParam("cursor") ExportService.FactKey cursor,
            @Valid @BeanParam ExportPaging paging) {
        var query = new ExportService.FactQuery(fiscalYear, indicatorCode(indicatorCode), updatedSince, cursor,
                paging.limitOrDefault());
        ExportFormat type = ExportFormat.of(paging.format, headers);
        var page = exports.facts(query);
        String next = page.next() == null ? null : page.next().cursor();
        byte[] body = type == ExportFormat.CSV ? ExportCsv.write(ExportFact.class, page.rows(), paging.withBom())
                : json(new ExportFactsPage(page.rows(), next));
        return ExportResponses.respond(type, body, next, Map.of(), "kpi-facts", uri, request);
    }

    @GET
    @RolesAllowed({ Roles.BI, Roles.ADMIN })
    @Path("/progress")
    @Operation(operationId = "exportProgress",
            summary = "The progress list of a fiscal year, flat, for BI", description = """
            What `GET /api/v1/progress` answers, one flat row per indicator with a target in the fiscal year \
            (nested conditions become `conditionsMet` and a `conditions` text), ordered by indicatorCode. \
            Without asOf it is as of today (Japan time); the next link pins the asOf of the first page so that \
            all pages agree. Progress is recomputed on every request: use the ETag to skip unchanged answers.""" + COMMON)
    @APIResponse(responseCode = "200", description = "A page of rows",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExportProgressPage.class)),
                    @Content(mediaType = ExportFormat.CSV_TYPE, schema = @Schema(type = SchemaType.STRING,
                            description = "RFC 4180 CSV, header row, UTF-8 (with BOM when bom=true); the columns of ExportProgressRow")) })
    @APIResponse(responseCode = "400", description = "A missing or malformed parameter, named in violations[0].field")
    @APIResponse(responseCode = "406", description = "Accept refuses both application/json and text/csv, named in violations[0].field")
    public Response progress(
            @Parameter(description = "Japanese fiscal year (April to March)", example = "2024", required = true,
                    schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("fiscalYear") @NotNull(message = "is required") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer fiscalYear,
            @Parameter(description = "Report as known at the end of this day (default: today, Japan time)", example = "2024-09-30")
            @QueryParam("asOf") LocalDate asOf,
            @Parameter(description = "The nextCursor (or X-Next-Cursor) of the previous answer, unchanged",
                    schema = @Schema(type = SchemaType.STRING))
            @QueryParam("cursor") ProgressCursor cursor,
            @Valid @BeanParam ExportPaging paging) {
        var day = asOf == null ? progress.today() : asOf;
        List<ExportProgressRow> rows = progress.progress(fiscalYear, day).stream()
                .map(ProgressResponse::of).map(ExportProgressRow::of)
                .sorted(Comparator.comparing(ExportProgressRow::indicatorCode))
                .toList();
        return page(ExportProgressRow.class, rows, ExportProgressRow::indicatorCode,
                cursor == null ? null : cursor.indicatorCode(), paging, key -> new ProgressCursor(key).cursor(),
                ExportProgressPage::new, Map.of("asOf", day.toString()), "kpi-progress-FY" + fiscalYear);
    }

    @GET
    @RolesAllowed({ Roles.BI, Roles.ADMIN })
    @Path("/plan")
    @Operation(operationId = "exportPlan", summary = "The plan tree as of a date (or a review's), one flat row per node",
            description = """
            One row per item, indicator, initiative, measure and milestone of the plan's tree, in tree order \
            (`path`; `parentPath` links a row to its parent): the nodes GET /api/v1/plan-tree gives, with each \
            measure's latest first-half (h1*) and year-end (fy*) commentary. With `review` the rows are that \
            review's, as it was taken; otherwise the tree as of `asOf` (default today, pinned by the next link with \
            the plan).""" + COMMON)
    @APIResponse(responseCode = "200", description = "A page of rows",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExportPlanPage.class)),
                    @Content(mediaType = ExportFormat.CSV_TYPE, schema = @Schema(type = SchemaType.STRING,
                            description = "RFC 4180 CSV, header row, UTF-8 (with BOM when bom=true); the columns of ExportPlanRow")) })
    @APIResponse(responseCode = "400", description = "A missing or malformed parameter, named in violations[0].field")
    @APIResponse(responseCode = "406", description = "Accept refuses both application/json and text/csv, named in violations[0].field")
    @APIResponse(responseCode = "404", description = "No such review or plan, or no plan with measures in the fiscal year")
    @APIResponse(responseCode = "422", description = "planCode names a plan of another fiscal year")
    public Response plan(
            @Parameter(description = "Japanese fiscal year of the plan (not needed with review)", example = "2024",
                    schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("fiscalYear") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer fiscalYear,
            @Parameter(description = "The plan; default: the plan with the most measures in the fiscal year",
                    example = "IPA-FY2024") @QueryParam("planCode") String planCode,
            @Parameter(description = "The tree as of this day, as recorded by its end (default: today, Japan time)",
                    example = "2024-09-30") @QueryParam("asOf") LocalDate asOf,
            @Parameter(description = "The rows of this review instead", example = "FY2024-H1") @QueryParam("review") String review,
            @Parameter(description = "The nextCursor (or X-Next-Cursor) of the previous answer, unchanged",
                    schema = @Schema(type = SchemaType.STRING))
            @QueryParam("cursor") PlanRowCursor cursor,
            @Valid @BeanParam ExportPaging paging) {
        PlanTree tree;
        Map<String, String> pin = Map.of();
        String name;
        if (review != null && !review.isBlank()) {
            tree = reviews.get(review).tree();
            name = "kpi-review-" + tree.planCode() + "-" + tree.asOf();
        } else if (fiscalYear == null) {
            throw ProblemException.badRequest("fiscalYear", "is required without review");
        } else {
            LocalDate day = asOf == null ? trees.today() : asOf;
            tree = trees.tree(fiscalYear, planCode, day);
            pin = Map.of("asOf", day.toString(), "planCode", tree.planCode());
            name = "kpi-plan-" + tree.planCode() + "-" + day;
        }
        // The file name carries codes from events: only characters a header holds plainly.
        return page(ExportPlanRow.class, ExportPlanRow.of(tree), ExportPlanRow::path, cursor == null ? null : cursor.path(),
                paging, key -> new PlanRowCursor(key).cursor(), ExportPlanPage::new, pin,
                name.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    @GET
    @RolesAllowed({ Roles.BI, Roles.ADMIN })
    @Path("/budget-lines")
    @Operation(operationId = "exportBudgetLines",
            summary = "Budget against actuals of a fiscal year, one flat row per line of every table, for BI",
            description = """
            What `GET /api/v1/budgets/{fiscalYear}/variance` answers, one flat row per line of every table \
            (whole agency, accounts, segments), ordered by code. The actuals themselves are in the facts export \
            (their indicators are the line codes). Without asOf it is as of today (Japan time); the next link pins \
            the asOf of the first page so that all pages agree.""" + COMMON)
    @APIResponse(responseCode = "200", description = "A page of rows",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExportBudgetPage.class)),
                    @Content(mediaType = ExportFormat.CSV_TYPE, schema = @Schema(type = SchemaType.STRING,
                            description = "RFC 4180 CSV, header row, UTF-8 (with BOM when bom=true); the columns of ExportBudgetRow")) })
    @APIResponse(responseCode = "400", description = "A missing or malformed parameter, named in violations[0].field")
    @APIResponse(responseCode = "406", description = "Accept refuses both application/json and text/csv, named in violations[0].field")
    @APIResponse(responseCode = "404", description = "No budget for that fiscal year (yet)")
    public Response budgetLines(
            @Parameter(description = "Japanese fiscal year (April to March)", example = "2024", required = true,
                    schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("fiscalYear") @NotNull(message = "is required") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer fiscalYear,
            @Parameter(description = "Report as known at the end of this day (default: today, Japan time)", example = "2024-09-30")
            @QueryParam("asOf") LocalDate asOf,
            @Parameter(description = "The nextCursor (or X-Next-Cursor) of the previous answer, unchanged",
                    schema = @Schema(type = SchemaType.STRING))
            @QueryParam("cursor") BudgetLineCursor cursor,
            @Valid @BeanParam ExportPaging paging) {
        var day = asOf == null ? budgets.today() : asOf;
        var report = budgets.report(fiscalYear, day)
                .orElseThrow(() -> ProblemException.notFound("budget", "FY" + fiscalYear));
        List<ExportBudgetRow> rows = ExportBudgetRow.of(report).stream()
                .sorted(Comparator.comparing(ExportBudgetRow::code)).toList();
        return page(ExportBudgetRow.class, rows, ExportBudgetRow::code, cursor == null ? null : cursor.code(), paging,
                key -> new BudgetLineCursor(key).cursor(), ExportBudgetPage::new, Map.of("asOf", day.toString()),
                "kpi-budget-FY" + fiscalYear);
    }

    /**
     * A page of rows that are all at hand, in the order of their text key: the rows after the cursor's key, at most
     * {@code limit}, and the cursor of the next page when more follow; JSON as the page record, or CSV.
     */
    private <R extends Record> Response page(Class<R> rowType, List<R> ordered, Function<R, String> key, String after,
            ExportPaging paging, Function<String, String> cursorOf, BiFunction<List<R>, String, Object> jsonPage,
            Map<String, String> pin, String fileName) {
        int max = paging.limitOrDefault();
        List<R> rows = ordered.stream().filter(r -> after == null || key.apply(r).compareTo(after) > 0).toList();
        List<R> page = rows.subList(0, Math.min(max, rows.size()));
        String next = rows.size() > max ? cursorOf.apply(key.apply(page.get(page.size() - 1))) : null;
        ExportFormat chosen = ExportFormat.of(paging.format, headers);
        byte[] body = chosen == ExportFormat.CSV ? ExportCsv.write(rowType, page, paging.withBom())
                : json(jsonPage.apply(page, next));
        return ExportResponses.respond(chosen, body, next, pin, fileName, uri, request);
    }

    private static String indicatorCode(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        if (code.length() > 64) {
            throw ProblemException.badRequest("indicatorCode", "must be at most 64 characters");
        }
        return code.trim();
    }

    private byte[] json(Object page) {
        try {
            return mapper.writeValueAsBytes(page);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the export as JSON", e);
        }
    }
}
