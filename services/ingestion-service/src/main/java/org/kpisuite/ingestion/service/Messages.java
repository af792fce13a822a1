package org.kpisuite.ingestion.service;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The texts of rejections, in English and Japanese, from one resource bundle ({@code messages/ingestion*.properties}):
 * a rejection keeps its key and arguments, and is worded in the language the request asks for.
 */
public final class Messages {

    public static final Locale JAPANESE = Locale.JAPANESE;
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

    /** Japanese when the most preferred of the languages is Japanese; English otherwise. */
    public static Locale choose(List<Locale> acceptable) {
        return !acceptable.isEmpty() && "ja".equals(acceptable.get(0).getLanguage()) ? JAPANESE : Locale.ROOT;
    }

    private static ResourceBundle bundle(Locale locale) {
        ClassLoader loader = Messages.class.getClassLoader();
        return "ja".equals(locale.getLanguage()) ? ResourceBundle.getBundle(BUNDLE, JAPANESE, loader, NO_FALLBACK)
                : ResourceBundle.getBundle(BUNDLE, Locale.ROOT, loader, NO_FALLBACK);
    }
}
