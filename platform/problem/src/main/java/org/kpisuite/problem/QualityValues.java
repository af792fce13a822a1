package org.kpisuite.problem;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The quality values of Accept-* headers (RFC 9110 12.4.2): a number from 0 to 1 with at most three decimals. */
public final class QualityValues {

    private static final Pattern QUALITY = Pattern.compile(";\\s*q\\s*=\\s*([^,;]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern GRAMMAR = Pattern.compile("0(\\.\\d{0,3})?|1(\\.0{0,3})?");

    private QualityValues() {
    }

    /** The first malformed quality value in the header's value, trimmed, or null. */
    static String firstMalformed(String value) {
        Matcher q = QUALITY.matcher(value);
        while (q.find()) {
            String quality = q.group(1).trim();
            if (!GRAMMAR.matcher(quality).matches()) {
                return quality;
            }
        }
        return null;
    }

    /** Why a malformed quality value is refused. */
    static String reason(String malformed) {
        return "has the quality value '" + malformed + "'; a quality value is a number from 0 to 1 with at most three "
                + "decimals";
    }

    /**
     * The quality of one entry of the header (1 when it has none), for a resource that negotiates on it itself.
     *
     * @throws ProblemException a 400 naming the header, as for the framework's own negotiation
     */
    public static double of(String header, String entry) {
        String malformed = firstMalformed(entry);
        if (malformed != null) {
            throw ProblemException.badRequest(header, reason(malformed));
        }
        Matcher q = QUALITY.matcher(entry);
        return q.find() ? Double.parseDouble(q.group(1).trim()) : 1;
    }
}
