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

import io.vertx.core.http.HttpServerRequest;

/**
 * The URLs an answer carries (Location, Link) never echo the client's Host header: JAX-RS builds them from it,
 * so a request with {@code Host: evil.example} would get links into evil.example. Every such URL is rebased onto
 * the configured public base URL ({@code kpi.http.public-base-url}, e.g. https://kpi.example.org); without one
 * it is given as a path (a relative reference, RFC 9110 and RFC 8288 allow it), which the client resolves against
 * the URL it called.
 *
 * <p>Behind a reverse proxy, the framework may read the proxy's {@code Forwarded} / {@code X-Forwarded-*} headers
 * ({@code quarkus.http.proxy.*}); JAX-RS then builds the URLs from what the proxy says the client called. Those
 * URLs are kept only when the request came from one of the configured {@code quarkus.http.proxy.trusted-proxies}:
 * Quarkus checks the peer's address and records the verdict in {@value #TRUSTED_PROXY_HEADER} (overwriting
 * whatever a client sent in it). Forwarding on without a list of trusted proxies would trust every client, so then
 * the URLs are rebased as above, as they are for a request from anyone else.
 */
public class PublicUrls {

    /** Set by Quarkus when {@code quarkus.http.proxy.enable-trusted-proxy-header} is on (the suite's default). */
    static final String TRUSTED_PROXY_HEADER = "X-Forwarded-Trusted-Proxy";

    /**
     * Scheme, host, port and path prefix under which clients reach this service, e.g. https://kpi.example.org
     * ({@code KPI_HTTP_PUBLIC_BASE_URL}); unset: Location and Link carry paths only.
     */
    @ConfigProperty(name = "kpi.http.public-base-url")
    Optional<URI> publicBaseUrl;

    @ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false")
    boolean proxyForwarding;

    @ConfigProperty(name = "quarkus.http.proxy.enable-trusted-proxy-header", defaultValue = "false")
    boolean trustedProxyHeader;

    @ConfigProperty(name = "quarkus.http.proxy.trusted-proxies")
    Optional<List<String>> trustedProxies;

    @ServerResponseFilter
    public void rebase(ContainerResponseContext response, HttpServerRequest request) {
        if (fromTrustedProxy(request)) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        rewrite(headers.get(HttpHeaders.LOCATION));
        rewrite(headers.get(HttpHeaders.LINK));
    }

    /**
     * Whether Quarkus applied a trusted proxy's forwarded headers to this request. Reading the authority makes it
     * parse them (and set the verdict) if nothing has yet.
     */
    boolean fromTrustedProxy(HttpServerRequest request) {
        if (!proxyForwarding || !trustedProxyHeader || trustedProxies.map(List::isEmpty).orElse(true)) {
            return false;
        }
        request.authority();
        return "true".equals(request.getHeader(TRUSTED_PROXY_HEADER));
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
