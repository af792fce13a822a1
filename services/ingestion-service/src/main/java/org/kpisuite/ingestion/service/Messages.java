package org.kpisuite.ingestion.service;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.kpisuite.problem.QualityValues;

/**
 * The texts of rejections, in English and Japanese, from one resource bundle ({@code messages/ingestion*.properties}):
 * a rejection keeps its key and arguments, and is worded in the language the request asks for.
 */
public final class Messages {

    public static final Locale JAPANESE = Locale.JAPANESE;
    private static final String ACCEPT_LANGUAGE = "Accept-Language";
    private static final String BUNDLE = "messages.ingestion";
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control
            .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {
    }

    /** The text of the key with its arguments (already text), in the locale's language or else in English. */
    public static String format(Locale locale, String key, List<String> args) {
        String pattern;
        try {
            pattern = bundle(locale).getString(key);
        } catch (MissingResourceException e) {
            pattern = bundle(Locale.ROOT).getString(key);
        }
        return new MessageFormat(pattern, Locale.ROOT).format(args.toArray());
    }

    /**
     * The language to answer in for an Accept-Language header (RFC 9110 12.5.4): Japanese when a "ja" range (or "*")
     * weighs more than English, or as much and is listed first; English otherwise, and without the header. A range
     * of quality 0 is not acceptable; a language not named is weighed by "*", or not acceptable without it.
     *
     * @throws org.kpisuite.problem.ProblemException a 400 naming Accept-Language for a malformed quality value, as
     *         every negotiated answer of the suite ({@link QualityValues})
     */
    public static Locale choose(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.ROOT;
        }
        // Per language: its quality and the position of the range that named it; -1 = not named.
        double ja = -1;
        double en = -1;
        double any = -1;
        int jaAt = -1;
        int enAt = -1;
        int anyAt = -1;
        List<QualityValues.Range> ranges = QualityValues.ranges(ACCEPT_LANGUAGE, acceptLanguage);
        for (int i = 0; i < ranges.size(); i++) {
            String range = ranges.get(i).name();
            double quality = ranges.get(i).quality();
            if (range.equals("ja") || range.startsWith("ja-")) {
                jaAt = ja < 0 ? i : jaAt;
                ja = Math.max(ja, quality);
            } else if (range.equals("en") || range.startsWith("en-")) {
                enAt = en < 0 ? i : enAt;
                en = Math.max(en, quality);
            } else if (range.equals("*")) {
                anyAt = any < 0 ? i : anyAt;
                any = Math.max(any, quality);
            }
        }
        double jaQuality = ja >= 0 ? ja : Math.max(any, 0);
        double enQuality = en >= 0 ? en : Math.max(any, 0);
        int jaFirst = ja >= 0 ? jaAt : anyAt;
        int enFirst = en >= 0 ? enAt : anyAt;
        boolean japanese = jaQuality > 0 && (jaQuality > enQuality || (jaQuality == enQuality && jaFirst < enFirst));
        return japanese ? JAPANESE : Locale.ROOT;
    }

    private static ResourceBundle bundle(Locale locale) {
        ClassLoader loader = Messages.class.getClassLoader();
        return "ja".equals(locale.getLanguage()) ? ResourceBundle.getBundle(BUNDLE, JAPANESE, loader, NO_FALLBACK)
                : ResourceBundle.getBundle(BUNDLE, Locale.ROOT, loader, NO_FALLBACK);
    }
}
