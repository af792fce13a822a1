package org.kpisuite.ingestion.rest;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.ingestion.config.IngestionConfig;
import org.kpisuite.ingestion.domain.Measurement;
import org.kpisuite.ingestion.service.BatchImportService;
import org.kpisuite.ingestion.service.BatchRow;
import org.kpisuite.ingestion.service.ImportMode;
import org.kpisuite.ingestion.service.ImportSummary;
import org.kpisuite.ingestion.service.MeasurementService;
import org.kpisuite.ingestion.service.Messages;
import org.kpisuite.ingestion.service.Rejection;
import org.kpisuite.ingestion.service.SubmissionOutcome;
import org.kpisuite.ingestion.service.Submitter;
import org.kpisuite.problem.Problem;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.security.Caller;
import org.kpisuite.security.Roles;
import org.kpisuite.ingestion.service.MeasurementRequest;
import org.kpisuite.problem.TextRules;

@Path("/api/v1/measurements")
@Tag(name = "Measurements")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MeasurementResource {

    private static final String JSON_EXAMPLE = """
            {"mode":"ROW_BY_ROW","dryRun":false,"rows":[
              {"indicatorCode":"manabi-dx-accesses","department":"digital-talent","month":"2024-05","value":162000},
              {"indicatorCode":"manabi-dx-accesses","department":"digital-talent","month":"2024-06","value":171500,
               "note":"from the portal's access log"}]}""";
    private static final String CSV_EXAMPLE = """
            indicatorCode,component,breakdown,department,month,value,note,reason
            manabi-dx-accesses,,,digital-talent,2024-05,162000,,
            manabi-dx-accesses,,,digital-talent,2024-06,171500,"アクセスログより, 速報値",
            natsec-satisfaction,numerator,,security,2024-06,18,,
            natsec-satisfaction,denominator,,security,2024-06,27,,
            """;
    private static final String BATCH_DESCRIPTION = "Each row is checked exactly like a single submission, plus: "
            + "the same key twice with different values rejects both rows (the same value twice counts once, as "
            + "unchanged). A value far from its history is stored but listed under flagged (OUTLIER). ATOMIC (default): any rejected row "
            + "stores nothing and the answer is 422 application/problem+json whose extension members are the import "
            + "summary. ROW_BY_ROW: the valid rows are stored and the rejected ones listed (200). dryRun: nothing is "
            + "stored; 200 with the summary the real import would give. Rows are numbered from 1 (data rows, "
            + "header excluded). All rows are stored in one transaction and their events recorded in the outbox. "
            + "At most 50,000 rows (413).";

    @Inject
    MeasurementService service;

    @Inject
    BatchImportService batches;

    @Inject
    Caller caller;

    @Inject
    IngestionConfig config;

    @Context
    HttpHeaders httpHeaders;

    @POST
    @RolesAllowed({ Roles.SUBMITTER, Roles.ADMIN })
    @Operation(operationId = "submitMeasurement", summary = "Submit one monthly value",
            description = "The first value for its key is created (201). The same value again changes nothing (200, "
                    + "UNCHANGED). A different value is a correction (201, CORRECTED): a new revision that needs a reason.")
    @APIResponse(responseCode = "201", description = "Stored as a new revision",
            content = @Content(schema = @Schema(implementation = MeasurementResponse.class)))
    @APIResponse(responseCode = "200", description = "Same as the current revision; nothing stored",
            content = @Content(schema = @Schema(implementation = MeasurementResponse.class)))
    @APIResponse(responseCode = "422", description = "Unknown or retired indicator, wrong department, month out of range, "
            + "correction without reason")
    @APIResponse(responseCode = "409", description = "The month is closed for this indicator and department")
    public CompletionStage<Response> submit(@Valid @NotNull MeasurementRequest request) {
        Locale locale = locale();
        // Answered when its group commits (GroupCommitter), on this request's event loop: no worker thread waits.
        return service.submit(request, Submitter.of(caller)).handle((result, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (cause instanceof Rejection.Rejected rejected) {
                    throw rejected.rejection().toException(locale);
                }
                throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
            }
            MeasurementResponse body = MeasurementResponse.of(result.measurement(), result.outcome(), result.flags());
            if (result.outcome() == SubmissionOutcome.UNCHANGED) {
                return Response.ok(body).build();
            }
            return Response.created(URI.create("/api/v1/measurements/" + result.measurement().id)).entity(body).build();
        });
    }

    @POST
    @RolesAllowed({ Roles.SUBMITTER, Roles.ADMIN })
    @Path("/batch")
    @Operation(operationId = "importMeasurements",
            summary = "Import many monthly values (JSON)", description = BATCH_DESCRIPTION)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchRequest.class),
            examples = @ExampleObject(name = "two months", value = JSON_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Imported (ROW_BY_ROW: the valid rows), or a dry run",
            content = @Content(schema = @Schema(implementation = ImportSummary.class)))
    @APIResponse(responseCode = "422", description = "ATOMIC with rejected rows: nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ImportProblem.class)))
    @APIResponse(responseCode = "400", description = "No rows, or mode or dryRun given differently in the query and "
            + "the body")
    @APIResponse(responseCode = "413", description = "More than 50,000 rows")
    public Response importJson(@NotNull BatchRequest request,
            @Parameter(description = "ATOMIC (default) or ROW_BY_ROW; also taken from the body") @QueryParam("mode")
            ImportMode mode,
            @Parameter(description = "true: validate only; also taken from the body") @QueryParam("dryRun")
            Boolean dryRun) {
        if (request.rows() == null) {
            throw ProblemException.badRequest("rows", "is required");
        }
        List<BatchRow> rows = new java.util.ArrayList<>(request.rows().size());
        for (int i = 0; i < request.rows().size(); i++) {
            rows.add(BatchRow.of(i + 1, request.rows().get(i)));
        }
        // The operation shares its path with the CSV import, whose settings are in the query: a JSON client may put
        // them there too, and is never silently stored for real when it asked for a dry run.
        return imported(rows, oneOf("mode", mode, request.mode()),
                Boolean.TRUE.equals(oneOf("dryRun", dryRun, request.dryRun())));
    }

    private static <T> T oneOf(String name, T inQuery, T inBody) {
        if (inQuery != null && inBody != null && !inQuery.equals(inBody)) {
            throw ProblemException.badRequest(name, "is " + inQuery + " in the query and " + inBody + " in the body");
        }
        return inQuery != null ? inQuery : inBody;
    }

    @POST
    @RolesAllowed({ Roles.SUBMITTER, Roles.ADMIN })
    @Path("/batch")
    @Consumes({ "text/csv", "application/csv" })
    @Operation(operationId = "importMeasurementsCsv",
            summary = "Import many monthly values (CSV, e.g. saved from Excel)", description = BATCH_DESCRIPTION
            + " The header names the columns, case-insensitively and in any order: indicatorCode, component, "
            + "breakdown, department, month, value, note, reason (indicatorCode, month and value are required; "
            + "department too for a kpi-admin). Encoding: the charset of the Content-Type if given, else UTF-8 (with or without BOM) when "
            + "the body is valid UTF-8, else Shift_JIS (windows-31j), as Excel saves CSV in Japan.")
    @RequestBody(content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "two indicators", value = CSV_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Imported (ROW_BY_ROW: the valid rows), or a dry run",
            content = @Content(schema = @Schema(implementation = ImportSummary.class)))
    @APIResponse(responseCode = "422", description = "ATOMIC with rejected rows: nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ImportProblem.class)))
    @APIResponse(responseCode = "400", description = "No rows (a header only), missing or unknown column, unknown "
            + "charset, bad mode or dryRun")
    @APIResponse(responseCode = "413", description = "More than 50,000 rows")
    public Response importCsv(byte[] body,
            @Parameter(description = "ATOMIC (default) or ROW_BY_ROW") @QueryParam("mode") ImportMode mode,
            @Parameter(description = "true: validate only") @QueryParam("dryRun") Boolean dryRun,
            @Context HttpHeaders headers) {
        MediaType type = headers.getMediaType();
        String charset = type == null ? null : type.getParameters().get("charset");
        return imported(CsvRows.read(body == null ? new byte[0] : body, charset, config.maxBatchRows()), mode,
                Boolean.TRUE.equals(dryRun));
    }

    private Response imported(List<BatchRow> rows, ImportMode mode, boolean dryRun) {
        ImportMode effective = mode == null ? ImportMode.ATOMIC : mode;
        Locale locale = locale();
        if (rows.isEmpty()) {
            // An upload without rows is almost always the wrong file or a lost body, not "nothing to import".
            throw Rejection.malformed("rows", "rows.empty").toException(locale);
        }
        ImportSummary summary = batches.importRows(rows, effective, dryRun, Submitter.of(caller), locale);
        if (effective == ImportMode.ATOMIC && !dryRun && summary.rejected() > 0) {
            return Response.status(422).type(Problem.MEDIA_TYPE)
                    .entity(ImportProblem.of(summary, rows.size(), "/api/v1/measurements/batch", locale)).build();
        }
        return Response.ok(summary).build();
    }

    /**
     * Japanese when the request's Accept-Language prefers it by quality value, English otherwise; read here, not by
     * the framework's list, which ignores q=0 and does not name the header it cannot read.
     */
    private Locale locale() {
        return Messages.choose(httpHeaders.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Operation(operationId = "listMeasurements",
            summary = "Current values (latest revision of each key) of an indicator, optionally of one fiscal year")
    public List<MeasurementResponse> list(@QueryParam("indicatorCode") @Size(max = 64) String indicatorCode,
            @QueryParam("fiscalYear") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) Integer fiscalYear) {
        if (TextRules.blank(indicatorCode)) {
            throw ProblemException.badRequest("indicatorCode", "is required");
        }
        return Measurement.currentValues(indicatorCode, fiscalYear).stream().map(m -> MeasurementResponse.of(m, null)).toList();
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Path("/{id}")
    @Operation(operationId = "getMeasurementRevision", summary = "One revision of a value")
    @APIResponse(responseCode = "200", description = "The revision",
            content = @Content(schema = @Schema(implementation = MeasurementResponse.class)))
    @APIResponse(responseCode = "404", description = "No such revision")
    public MeasurementResponse get(@PathParam("id") UUID id) {
        return MeasurementResponse.of(find(id), null);
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.ADMIN })
    @Path("/{id}/history")
    @Operation(operationId = "listMeasurementRevisions",
            summary = "Every revision of the value that this revision belongs to, oldest first")
    public List<MeasurementResponse> history(@PathParam("id") UUID id) {
        return Measurement.history(find(id).key()).stream().map(m -> MeasurementResponse.of(m, null)).toList();
    }

    private static Measurement find(UUID id) {
        Measurement m = Measurement.findById(id);
        if (m == null) {
            throw ProblemException.notFound("measurement", id.toString());
        }
        return m;
    }
}
