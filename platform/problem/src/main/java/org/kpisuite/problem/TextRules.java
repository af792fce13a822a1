package org.kpisuite.problem;

/**
 * What text the suite stores: no NUL (PostgreSQL cannot hold U+0000 in text and fails the whole transaction) and
 * no lone UTF-16 surrogate (it would be stored as "?"). One rule for JSON fields ({@link StrictJson}) and CSV
 * cells alike, checked before anything reaches the database.
 */
public final class TextRules {

    private TextRules() {
    }

    /** Why the text cannot be stored, or null when it can. */
    public static String violation(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "must not contain a NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain a lone surrogate (U+" + Integer.toHexString(c).toUpperCase() + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain a lone surrogate (U+" + Integer.toHexString(c).toUpperCase() + ")";
            }
        }
        return null;
    }

    /** 400 naming the field when the text cannot be stored. */
    public static String require(String field, String text) {
        String reason = violation(text);
        if (reason != null) {
            throw ProblemException.badRequest(field, reason);
        }
        return text;
    }

    /**
     * Blank is what a reader sees as nothing: whitespace (U+3000 and no-break spaces included) and invisible format
     * characters (Unicode category Cf: U+200B, U+200C, U+200D, U+2060, U+FEFF, …) only. The one rule for required
     * texts ({@link VisibleText} for request fields).
     */
    public static boolean blank(String text) {
        if (text == null) {
            return true;
        }
        // A loop, not a stream: every measurement key's parts pass here.
        for (int i = 0; i < text.length();) {
            int c = text.codePointAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && Character.getType(c) != Character.FORMAT) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
