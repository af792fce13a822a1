package org.kpisuite.ingestion.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.ingestion.domain.Measurement;
import org.kpisuite.ingestion.service.MeasurementService;
import org.kpisuite.ingestion.service.SubmissionOutcome;
import org.kpisuite.ingestion.service.Submitter;
import org.kpisuite.problem.Problem;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.problem.QueryParams;

@Path("/api/v1/measurements")
@Tag(name = "Measurements")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MeasurementResource {

    @Inject
    MeasurementService service;

    @POST
    @Operation(summary = "Submit one monthly value",
            description = "The first value for its key is created (201). The same value again changes nothing (200, "
                    + "UNCHANGED). A different value is a correction (201, CORRECTED): a new revision that needs a reason.")
    @APIResponse(responseCode = "201", description = "Stored as a new revision",
            content = @Content(schema = @Schema(implementation = MeasurementResponse.class)))
    @APIResponse(responseCode = "200", description = "Same as the current revision; nothing stored",
            content = @Content(schema = @Schema(implementation = MeasurementResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or malformed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown or retired indicator, wrong department, month out of range, "
            + "correction without reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(@Valid @NotNull MeasurementRequest request) {
        MeasurementService.Result result = service.submit(request, Submitter.ANONYMOUS);
        MeasurementResponse body = MeasurementResponse.of(result.measurement(), result.outcome());
        if (result.outcome() == SubmissionOutcome.UNCHANGED) {
            return Response.ok(body).build();
        }
        return Response.created(URI.create("/api/v1/measurements/" + result.measurement().id)).entity(body).build();
    }

    @GET
    @Operation(summary = "Current values (latest revision of each key) of an indicator, optionally of one fiscal year")
    public List<MeasurementResponse> list(@QueryParam("indicatorCode") String indicatorCode,
            @QueryParam("fiscalYear") String fiscalYear) {
        if (indicatorCode == null || indicatorCode.isBlank()) {
            throw ProblemException.badRequest("indicatorCode", "is required");
        }
        Integer year = QueryParams.optionalInt("fiscalYear", fiscalYear, FiscalCalendar.MIN_YEAR, FiscalCalendar.MAX_YEAR);
        return Measurement.currentValues(indicatorCode, year).stream().map(m -> MeasurementResponse.of(m, null)).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One revision of a value")
    @APIResponse(responseCode = "404", description = "No such revision",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MeasurementResponse get(@PathParam("id") UUID id) {
        return MeasurementResponse.of(find(id), null);
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "Every revision of the value that this revision belongs to, oldest first")
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
