package org.kpisuite.reporting.rest;

import jakarta.ws.rs.core.HttpHeaders;

import org.kpisuite.problem.QualityValues;

/**
 * Whether a request's Accept-Encoding asks for gzip (RFC 9110, 12.5.3). Not the framework's variant selection: for
 * "gzip;q=0.8" it prefers the unnamed identity coding, and it reads "GZIP" and "x-gzip" as other codings, where
 * browsers, curl and HTTP libraries, and servers that compress, read them as gzip.
 */
final class GzipNegotiation {

    private GzipNegotiation() {
    }

    /**
     * True when gzip (or x-gzip, or "*" without an entry for gzip) has a quality above zero and at least that of the
     * identity coding as named (or covered by "*"). Without the header the answer is plain JSON: a choice, since the
     * RFC would allow any coding, but a client that decodes gzip sends the header.
     *
     * @throws org.kpisuite.problem.ProblemException a 400 naming the header for a malformed quality value, as every
     *         negotiated answer of the suite
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        double gzip = -1;
        double identity = -1;
        double any = -1;
        for (QualityValues.Range range : QualityValues.ranges(HttpHeaders.ACCEPT_ENCODING, acceptEncoding)) {
            double quality = range.quality();
            switch (range.name()) {
                case "gzip", "x-gzip" -> gzip = Math.max(gzip, quality);
                case "identity" -> identity = Math.max(identity, quality);
                case "*" -> any = Math.max(any, quality);
                default -> {
                }
            }
        }
        double gzipQuality = gzip >= 0 ? gzip : Math.max(any, 0);
        double identityQuality = identity >= 0 ? identity : Math.max(any, 0);
        return gzipQuality > 0 && gzipQuality >= identityQuality;
    }
}
