package org.kpisuite.reporting.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.kpisuite.security.Caller;
import org.kpisuite.security.Roles;
import org.kpisuite.reporting.service.ReadModelRebuild;

@Path("/api/v1/admin/rebuild")
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private static final Logger LOG = Logger.getLogger(AdminResource.class);

    @Inject
    ReadModelRebuild rebuild;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "startRebuild",
            summary = "Rebuild the read model by replaying the plan item, indicator and measurement topics",
            description = "Answers at once; GET tells how far the replay is. Every partition is replayed, whichever "
                    + "replica is asked. Until it ends, today's progress is what it was before; then progress and "
                    + "statuses are recalculated once, and only a status that really differs is announced.")
    @APIResponse(responseCode = "202", description = "Replay started",
            content = @Content(schema = @Schema(implementation = ReadModelRebuild.Status.class)))
    @APIResponse(responseCode = "409", description = "A rebuild is already running")
    public Response start() {
        LOG.infof("read model rebuild started by %s", caller.subject());
        return Response.accepted(rebuild.start(caller.subject())).location(URI.create("/api/v1/admin/rebuild")).build();
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getRebuildStatus",
            summary = "The rebuild in progress (running, events replayed so far) and the last one finished")
    @APIResponse(responseCode = "200", description = "The rebuild's state",
            content = @Content(schema = @Schema(implementation = ReadModelRebuild.Status.class)))
    public ReadModelRebuild.Status status() {
        return rebuild.status();
    }
}
