package org.kpisuite.reporting.rest;

import java.util.Locale;

/**
 * Whether a request's Accept-Encoding asks for gzip (RFC 9110, 12.5.3). Not the framework's variant selection: for
 * "gzip;q=0.8" it prefers the unnamed identity coding, and it reads "GZIP" and "x-gzip" as other codings, where
 * browsers, curl and HTTP libraries, and every server that compresses, read them as gzip.
 */
final class GzipNegotiation {

    private GzipNegotiation() {
    }

    /**
     * True when gzip (or x-gzip, or "*" without an entry for gzip) has a quality above zero and at least that of an
     * explicit "identity" entry; false without the header, which a client that can decode gzip always sends.
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        double gzip = -1;
        double any = -1;
        double identity = 0;
        for (String entry : acceptEncoding.split(",")) {
            String[] parts = entry.split(";", -1);
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            double quality = quality(parts);
            switch (coding) {
                case "gzip", "x-gzip" -> gzip = Math.max(gzip, quality);
                case "*" -> any = Math.max(any, quality);
                case "identity" -> identity = quality;
                default -> {
                }
            }
        }
        double chosen = gzip >= 0 ? gzip : any;
        return chosen > 0 && chosen >= identity;
    }

    /** The entry's q parameter (1 when absent; 0 when malformed, so that a garbled entry never turns coding on). */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.length() > 1 && Character.toLowerCase(parameter.charAt(0)) == 'q'
                    && parameter.substring(1).trim().startsWith("=")) {
                try {
                    double q = Double.parseDouble(parameter.substring(parameter.indexOf('=') + 1).trim());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
