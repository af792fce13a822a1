package org.kpisuite.ingestion.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.kpisuite.ingestion.service.SubmissionMetrics;

/**
 * A single value refused before the service sees it (unreadable JSON, a missing or malformed field: Bean
 * Validation answers 400) still counts as a rejected value. The service counts every other rejection itself.
 */
public class MalformedSubmissionCounter {

    @Inject
    SubmissionMetrics metrics;

    @ServerResponseFilter
    public void count(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 400 && "POST".equals(request.getMethod())
                && request.getUriInfo().getPath().replaceAll("/+$", "").equals("/api/v1/measurements")) {
            metrics.rejected("malformed");
        }
    }
}
