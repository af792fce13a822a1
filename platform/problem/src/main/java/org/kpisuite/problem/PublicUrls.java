package org.kpisuite.problem;

import java.net.URI;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The URLs an answer carries (Location, Link) never echo the client's Host header: JAX-RS builds them from it,
 * so a request with {@code Host: evil.example} would get links into evil.example. Every such URL is rebased onto
 * the configured public base URL ({@code kpi.http.public-base-url}, e.g. https://kpi.example.org); without one
 * it is given as a path (a relative reference, RFC 9110 and RFC 8288 allow it), which the client resolves against
 * the URL it called. Behind a proxy, set the base URL to the address the proxy serves.
 */
public class PublicUrls {

    /**
     * Scheme, host, port and path prefix under which clients reach this service, e.g. https://kpi.example.org
     * ({@code KPI_HTTP_PUBLIC_BASE_URL}); unset: Location and Link carry paths only.
     */
    @ConfigProperty(name = "kpi.http.public-base-url")
    Optional<URI> publicBaseUrl;

    @ServerResponseFilter
    public void rebase(ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        rewrite(headers.get(HttpHeaders.LOCATION));
        rewrite(headers.get(HttpHeaders.LINK));
    }

    private void rewrite(List<Object> values) {
        if (values == null) {
            return;
        }
        for (ListIterator<Object> it = values.listIterator(); it.hasNext();) {
            Object value = it.next();
            if (value instanceof URI uri) {
                it.set(rebase(uri));
            } else if (value instanceof Link link) {
                it.set(Link.fromLink(link).uri(rebase(link.getUri())).build());
            } else if (value instanceof String text && text.startsWith("<")) {
                Link link = Link.valueOf(text);
                it.set(Link.fromLink(link).uri(rebase(link.getUri())).build());
            } else if (value instanceof String text) {
                it.set(rebase(URI.create(text)));
            }
        }
    }

    URI rebase(URI uri) {
        String local = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return URI.create(publicBaseUrl.map(base -> base.toString().replaceFirst("/+$", "")).orElse("")
                + local);
    }
}
