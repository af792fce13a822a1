package org.kpisuite.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.HttpHeaders;

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

    /** One range of an Accept-* header: its name (lower case, without parameters) and its quality. */
    public record Range(String name, double quality) {
    }

    /**
     * The named ranges of the header's value, in order, for a resource that negotiates on it itself; every entry's
     * quality value is checked, named or not.
     *
     * @throws ProblemException a 400 naming the header for a malformed quality value
     */
    public static List<Range> ranges(String header, String value) {
        List<Range> ranges = new ArrayList<>();
        if (value == null) {
            return ranges;
        }
        for (String entry : value.split(",")) {
            double quality = of(header, entry);
            String name = entry.split(";", -1)[0].trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                ranges.add(new Range(name, quality));
            }
        }
        return ranges;
    }

    /**
     * The media type of {@code offered} that the request's Accept header prefers (RFC 9110 12.5.1: for each, the
     * quality of the most specific range that matches it), the first offered on a tie or without the header; for a
     * resource that answers in several formats. Not the framework's variant selection: it answers the first variant
     * when it selects nothing (even for {@code *}{@code /*;q=0}), and a parameter in a range
     * ({@code text/csv;charset=shift_jis}) stops its match. Parameters other than q are not weighed. The caller's
     * answer says {@code Vary: Accept}, as the framework's selection would have.
     *
     * @param offered media types without parameters ({@code application/json}), the preferred first
     * @throws ProblemException a 406 naming Accept when it accepts none of them; a 400 naming the header of a
     *         malformed quality value in any Accept-* header, as the framework's own negotiation
     */
    public static String choose(HttpHeaders headers, List<String> offered) {
        Problem.Violation malformed = firstMalformed(headers);
        if (malformed != null) {
            throw ProblemException.badRequest(malformed.field(), malformed.reason());
        }
        List<String> values = headers == null ? null : headers.getRequestHeader(HttpHeaders.ACCEPT);
        String accept = values == null ? "" : String.join(",", values);
        if (accept.isBlank()) {
            return offered.get(0);
        }
        List<Range> ranges = ranges(HttpHeaders.ACCEPT, accept);
        String best = null;
        double bestQuality = 0;
        for (String type : offered) {
            double quality = quality(ranges, type);
            if (quality > bestQuality) {
                best = type;
                bestQuality = quality;
            }
        }
        if (best == null) {
            throw ProblemException.notAcceptable(accept, String.join(", ", offered));
        }
        return best;
    }

    /** The quality the ranges give a media type: that of the most specific matching range (the highest of equals). */
    private static double quality(List<Range> ranges, String mediaType) {
        int slash = mediaType.indexOf('/');
        String type = mediaType.substring(0, slash);
        String subtype = mediaType.substring(slash + 1);
        int best = 0;
        double quality = 0;
        for (Range range : ranges) {
            int at = range.name().indexOf('/');
            String t = at < 0 ? range.name() : range.name().substring(0, at).trim();
            String s = at < 0 ? "*" : range.name().substring(at + 1).trim();
            int specificity = t.equals(type) && s.equals(subtype) ? 3
                    : t.equals(type) && s.equals("*") ? 2
                    : t.equals("*") && s.equals("*") ? 1 : 0;
            if (specificity > best) {
                best = specificity;
                quality = range.quality();
            } else if (specificity == best && specificity > 0) {
                quality = Math.max(quality, range.quality());
            }
        }
        return quality;
    }

    /** The first Accept-* header of the request whose q= is no number from 0 to 1 (RFC 9110 12.4.2), or null. */
    public static Problem.Violation firstMalformed(HttpHeaders headers) {
        for (String name : List.of(HttpHeaders.ACCEPT, HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.ACCEPT_ENCODING,
                HttpHeaders.ACCEPT_CHARSET)) {
            List<String> values = headers == null ? null : headers.getRequestHeader(name);
            for (String value : values == null ? List.<String>of() : values) {
                String malformed = firstMalformed(value);
                if (malformed != null) {
                    return new Problem.Violation(name, reason(malformed));
                }
            }
        }
        return null;
    }
}
