package org.kpisuite.reporting.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kpisuite.events.EvaluationEvent;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.problem.QualityValues;
import org.kpisuite.reporting.config.ReportingConfig;
import org.kpisuite.reporting.service.EvaluationPdf;
import org.kpisuite.reporting.service.EvaluationReport;
import org.kpisuite.reporting.service.EvaluationService;
import org.kpisuite.reporting.service.EvaluationWorkbook;
import org.kpisuite.reporting.service.MinisterEvaluationRequest;
import org.kpisuite.reporting.service.SelfEvaluationRequest;
import org.kpisuite.security.Caller;
import org.kpisuite.security.Roles;

@Path("/api/v1/evaluations/{fiscalYear}")
@Tag(name = "Evaluation", description = "The annual self-evaluation (S–D) and the report the agency files")
public class EvaluationResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String PDF = "application/pdf";

    /** The report's formats: the format parameter if given, else the Accept header's choice, else JSON. */
    public enum Format {
        JSON, XLSX, PDF
    }

    @Inject
    EvaluationService evaluations;

    @Inject
    ReportingConfig config;

    @Inject
    Caller caller;

    @GET
    @Produces({ MediaType.APPLICATION_JSON, XLSX, PDF })
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.EVALUATOR, Roles.ADMIN })
    @Operation(operationId = "getEvaluationReport", summary = "The self-evaluation report of a fiscal year as of a date",
            description = """
            Every evaluation item of the plan (a chapter, or each section of Ⅰ, with indicators, measures or \
            initiatives at or below it) with the grade proposed from its rated indicators' mean achievement (≥120 % \
            A, ≥100 % B, ≥80 % C, below D; S is never proposed), the agency's grade and rationale, the minister's \
            grade, the indicators (target, actual, achievement, grade), the measures and initiatives with their \
            status and latest commentary, and every revision the figures rest on. Everything as recorded by the end \
            of asOf (Japan time), so the same past asOf gives the same report. JSON, an Excel workbook (summary, \
            items, revisions) or a PDF: `format=xlsx|pdf|json` or the Accept header.""")
    @APIResponse(responseCode = "200", description = "The report",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EvaluationReport.class)),
                    @Content(mediaType = XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = PDF, schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @APIResponse(responseCode = "400", description = "A malformed fiscalYear, asOf, lang or format (named)")
    @APIResponse(responseCode = "404", description = "No such plan, or no plan with measures in the fiscal year")
    @APIResponse(responseCode = "406", description = "Accept takes none of the three formats, named in violations[0].field")
    @APIResponse(responseCode = "422", description = "asOf after today, or planCode names a plan of another fiscal year")
    public Response report(
            @PathParam("fiscalYear") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) int fiscalYear,
            @Parameter(description = "The plan; absent: the plan with the most measures in the fiscal year",
                    example = "IPA-FY2024") @QueryParam("planCode") @Size(max = 64) String planCode,
            @Parameter(description = "As recorded by the end of this day (default: today, Japan time)",
                    example = "2025-06-20") @QueryParam("asOf") LocalDate asOf,
            @Parameter(description = "ja (default: the plan's own text) or en", example = "en",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "ja", "en" }))
            @QueryParam("lang") EvaluationReport.Language lang,
            @Parameter(description = "json, xlsx or pdf; default: by the Accept header, else json", example = "xlsx",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "json", "xlsx", "pdf" }))
            @QueryParam("format") Format format,
            @Parameter(description = "true: the figures rest on approved values alone", example = "true")
            @QueryParam("official") Boolean official,
            @Context HttpHeaders headers) {
        LocalDate day = asOf == null ? LocalDate.now(config.zone()) : asOf;
        Format chosen = format != null ? format : chosen(headers);
        EvaluationReport report = evaluations.report(fiscalYear, planCode, day,
                lang == null ? EvaluationReport.Language.JA : lang, Boolean.TRUE.equals(official));
        String name = "evaluation-" + report.planCode() + "-FY" + fiscalYear + "-" + day;
        // One address, three formats chosen by Accept: a cache must key on it.
        Response.ResponseBuilder answer = switch (chosen) {
            case JSON -> Response.ok(report, MediaType.APPLICATION_JSON_TYPE);
            case XLSX -> file(out -> EvaluationWorkbook.write(report, out), XLSX, name + ".xlsx");
            case PDF -> {
                if (!Files.isReadable(config.evaluation().pdfFont())) {
                    throw new ProblemException(503, "pdf-font-missing", "No font for the PDF", "the PDF needs a "
                            + "TrueType font with Japanese glyphs at kpi.reporting.evaluation.pdf-font ("
                            + config.evaluation().pdfFont() + "); the workbook (format=xlsx) needs none", List.of());
                }
                yield file(out -> EvaluationPdf.write(report, config.evaluation().pdfFont(), out), PDF, name + ".pdf");
            }
        };
        return answer.header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build();
    }

    @PUT
    @Path("/items/{itemCode}/self")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.EVALUATOR, Roles.ADMIN })
    @Operation(operationId = "recordSelfEvaluation", summary = "Record the agency's grade of an evaluation item",
            description = """
            A new version of the item's evaluation with the grade (S–D), its rationale and the grade proposed from \
            the item's indicators as of today (from approved values alone with `official=true`, the figures the \
            filed report rests on), published on kpi.evaluations.v1. A rationale is required for S, wherever the \
            grade differs from the proposal, and for an item with no rated indicator. The same grade and rationale \
            again, with the same proposal, changes nothing (200).""")
    @APIResponse(responseCode = "201", description = "Recorded as a new version",
            content = @Content(schema = @Schema(implementation = EvaluationEvent.class)))
    @APIResponse(responseCode = "200", description = "Already in force: nothing changed",
            content = @Content(schema = @Schema(implementation = EvaluationEvent.class)))
    @APIResponse(responseCode = "400", description = "A malformed grade or field (named)")
    @APIResponse(responseCode = "404", description = "No such plan, or the item is not one of its evaluation items")
    @APIResponse(responseCode = "409", description = "A rebuild of the read model is running")
    @APIResponse(responseCode = "422", description = "The rationale the grade needs is missing (why, named), or "
            + "planCode names a plan of another fiscal year")
    public Response recordSelf(
            @PathParam("fiscalYear") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) int fiscalYear,
            @Parameter(description = "The evaluation item", example = "I.2") @PathParam("itemCode") @Size(max = 64) String itemCode,
            @Parameter(description = "The plan; absent: the plan with the most measures in the fiscal year",
                    example = "IPA-FY2024") @QueryParam("planCode") @Size(max = 64) String planCode,
            @Parameter(description = "true: propose from approved values alone (the official figures)", example = "true")
            @QueryParam("official") Boolean official,
            @Valid @NotNull SelfEvaluationRequest request) {
        return recorded(evaluations.recordSelf(fiscalYear, planCode, itemCode, request, Boolean.TRUE.equals(official),
                caller.subject()));
    }

    @PUT
    @Path("/items/{itemCode}/minister")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "recordMinisterEvaluation", summary = "Record the minister's grade of an evaluation item",
            description = "A new version of the item's evaluation with the minister's grade (S–D) and comment, kept "
                    + "beside the agency's own; the item needs a self-evaluation first. The same again changes nothing.")
    @APIResponse(responseCode = "201", description = "Recorded as a new version",
            content = @Content(schema = @Schema(implementation = EvaluationEvent.class)))
    @APIResponse(responseCode = "200", description = "Already in force: nothing changed",
            content = @Content(schema = @Schema(implementation = EvaluationEvent.class)))
    @APIResponse(responseCode = "400", description = "A malformed grade or field (named)")
    @APIResponse(responseCode = "404", description = "No such plan")
    @APIResponse(responseCode = "409", description = "The item has no self-evaluation yet")
    @APIResponse(responseCode = "422", description = "planCode names a plan of another fiscal year")
    public Response recordMinister(
            @PathParam("fiscalYear") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) int fiscalYear,
            @Parameter(description = "The evaluation item", example = "I.2") @PathParam("itemCode") @Size(max = 64) String itemCode,
            @Parameter(description = "The plan; absent: the plan with the most measures in the fiscal year",
                    example = "IPA-FY2024") @QueryParam("planCode") @Size(max = 64) String planCode,
            @Valid @NotNull MinisterEvaluationRequest request) {
        return recorded(evaluations.recordMinister(fiscalYear, planCode, itemCode, request, caller.subject()));
    }

    @GET
    @Path("/items/{itemCode}/versions")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.VIEWER, Roles.SUBMITTER, Roles.EVALUATOR, Roles.ADMIN })
    @Operation(operationId = "listEvaluationVersions", summary = "Every version of an item's evaluation, oldest first")
    @APIResponse(responseCode = "200", description = "The versions",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = EvaluationEvent.class)))
    @APIResponse(responseCode = "404", description = "No such plan, or nothing recorded for the item")
    @APIResponse(responseCode = "422", description = "planCode names a plan of another fiscal year")
    public List<EvaluationEvent> versions(
            @PathParam("fiscalYear") @Min(FiscalCalendar.MIN_YEAR) @Max(FiscalCalendar.MAX_YEAR) int fiscalYear,
            @Parameter(description = "The evaluation item", example = "I.2") @PathParam("itemCode") @Size(max = 64) String itemCode,
            @Parameter(description = "The plan; absent: the plan with the most measures in the fiscal year",
                    example = "IPA-FY2024") @QueryParam("planCode") @Size(max = 64) String planCode) {
        return evaluations.versions(fiscalYear, planCode, itemCode);
    }

    private static Format chosen(HttpHeaders headers) {
        return switch (QualityValues.choose(headers, List.of(MediaType.APPLICATION_JSON, XLSX, PDF))) {
            case XLSX -> Format.XLSX;
            case PDF -> Format.PDF;
            default -> Format.JSON;
        };
    }

    private static Response recorded(EvaluationService.Recorded recorded) {
        return (recorded.created() ? Response.status(Response.Status.CREATED) : Response.ok())
                .entity(recorded.evaluation()).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Written whole before it is sent, so a failure is a problem response, not a cut-off file. */
    private static Response.ResponseBuilder file(ReportWriter writer, String type, String fileName) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            writer.write(buffer);
        } catch (IOException e) {
            throw new IllegalStateException("the report could not be written", e);
        }
        return Response.ok(buffer.toByteArray(), type)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    }

    @FunctionalInterface
    private interface ReportWriter {
        void write(OutputStream out) throws IOException;
    }
}
