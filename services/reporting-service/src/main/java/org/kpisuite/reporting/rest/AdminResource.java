package org.kpisuite.reporting.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.kpisuite.security.Caller;
import org.kpisuite.security.Roles;
import org.kpisuite.reporting.service.ReadModelRebuild;

@Path("/api/v1/admin")
@Tag(name = "Administration")
public class AdminResource {

    private static final Logger LOG = Logger.getLogger(AdminResource.class);

    @Inject
    ReadModelRebuild rebuild;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("/rebuild")
    @Operation(summary = "Rebuild the read model by replaying the plan item, indicator and measurement topics",
            description = "Answers at once; progress is complete again once the consumers have caught up "
                    + "(seconds for the FY2024 plan). The result is the same as before: every number comes from events.")
    @APIResponse(responseCode = "202", description = "Replay started")
    public Response rebuild() {
        LOG.infof("read model rebuild started by %s", caller.subject());
        rebuild.rebuild();
        return Response.accepted().build();
    }
}
