package org.kpisuite.messaging;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.kpisuite.problem.Problem;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.security.Caller;
import org.kpisuite.security.Roles;

/** Every service's dead letters: replayed by an administrator once the consumer that refused them is fixed. */
@Path("/api/v1/admin/dead-letters")
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    private static final Logger LOG = Logger.getLogger(DeadLetterResource.class);

    @Inject
    InboundProcessor inbound;

    @Inject
    Caller caller;

    @POST
    @Path("/replay")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "replayDeadLetters",
            summary = "Replay the events this service's consumers dead-lettered since the last replay",
            description = "Each is applied again through the service's consumer, as when it first arrived (an older "
                    + "version than the one held changes nothing); one that still cannot be read is dead-lettered "
                    + "again with its new reason. Answers when the replay is over.")
    @APIResponse(responseCode = "200", description = "Replayed: letters read, applied, dead-lettered again",
            content = @Content(schema = @Schema(implementation = DeadLetters.Replay.class)))
    @APIResponse(responseCode = "409", description = "A replay is already running in this replica",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka cannot be reached",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeadLetters.Replay replay() {
        DeadLetters.Replay replay;
        try {
            replay = inbound.replayDeadLetters();
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new ProblemException(503, "unavailable", "Service unavailable",
                    "the dead-letter topic cannot be read: " + e.getMessage(), null);
        }
        if (replay == null) {
            throw ProblemException.conflict(null, "a replay of the dead letters is already running");
        }
        LOG.infof("dead letters replayed by %s: %s", caller.subject(), replay);
        return replay;
    }
}
