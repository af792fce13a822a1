package org.kpisuite.bench;

import java.net.URI;

/** The base URLs of the four services under test. */
public record Endpoints(String plan, String indicator, String ingestion, String reporting) {

    /** A running suite on one host with the services' standard ports (8081–8084), e.g. {@code make run}. */
    public static Endpoints onHost(String target) {
        URI uri = URI.create(target.contains("://") ? target : "http://" + target);
        String base = uri.getScheme() + "://" + uri.getHost() + ":";
        return new Endpoints(base + 8081, base + 8082, base + 8083, base + 8084);
    }
}
