package org.kpisuite.plan.service;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.problem.ProblemException;
import org.kpisuite.problem.TextRules;

/** The rules of plan execution that span more than one field: dates against the plan's year, evidence links. */
public final class MeasureRules {

    /** The longest text of a measure or a commentary field: the plan's longest paragraphs are well below it. */
    public static final int MAX_TEXT = 8000;
    public static final int MAX_EVIDENCE = 20;
    public static final int MAX_URL = 2000;

    private MeasureRules() {
    }

    /**
     * A done date lies in the plan's fiscal year or later (a measure of FY2024 may be delivered late, in FY2025) and
     * not after today: it records what happened.
     */
    public static void checkDone(String field, LocalDate doneOn, int fiscalYear, LocalDate today) {
        if (doneOn == null) {
            return;
        }
        LocalDate first = FiscalCalendar.firstDay(fiscalYear);
        if (doneOn.isBefore(first)) {
            throw ProblemException.invalidField(field, "must not be before the plan's fiscal year FY" + fiscalYear
                    + " (" + first + "), not " + doneOn);
        }
        if (doneOn.isAfter(today)) {
            throw ProblemException.invalidField(field, "must not be in the future (today is " + today + "), not "
                    + doneOn);
        }
    }

    /** A due date lies in the plan's fiscal year or later, within the years the suite plans for. */
    public static void checkDue(String field, LocalDate due, int fiscalYear) {
        String reason = dueViolation(due, fiscalYear);
        if (reason != null) {
            throw ProblemException.invalidField(field, reason);
        }
    }

    /** Why a due date breaks {@link #checkDue}, or null; for a whole document, which names every violation. */
    static String dueViolation(LocalDate due, int fiscalYear) {
        LocalDate first = FiscalCalendar.firstDay(fiscalYear);
        if (due.isBefore(first)) {
            return "must not be before the plan's fiscal year FY" + fiscalYear + " (" + first + "), not " + due;
        }
        if (!FiscalCalendar.isPlausibleYear(FiscalCalendar.fiscalYearOf(due))) {
            return "must lie in the fiscal years " + FiscalCalendar.MIN_YEAR + " to " + FiscalCalendar.MAX_YEAR
                    + ", not " + due;
        }
        return null;
    }

    /**
     * Each link is an absolute http or https URL with a host and no credentials: a reader clicks it, nothing else may
     * hide there. An internationalised host (例え.jp) is a host: it is checked in its ASCII form.
     */
    public static void checkEvidence(String field, List<String> links) {
        for (int i = 0; i < links.size(); i++) {
            String link = links.get(i);
            String reason = linkViolation(link);
            if (reason != null) {
                throw ProblemException.invalidField(field + "[" + i + "]", reason);
            }
        }
    }

    static String linkViolation(String link) {
        if (TextRules.blank(link)) {
            return "must be an http or https URL, not blank";
        }
        try {
            URI uri = new URI(link.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || !hasHost(uri)) {
                return "must be an absolute http or https URL with a host, not '" + link + "'";
            }
            if (uri.getRawAuthority().contains("@")) {
                return "must not carry a user name or password, not '" + link + "'";
            }
            return null;
        } catch (URISyntaxException e) {
            return "must be an http or https URL, not '" + link + "' (" + e.getReason() + ")";
        }
    }

    /**
     * java.net.URI takes a non-ASCII host for a registry authority without a host; such an authority is a host if
     * its ASCII form (IDN) is one.
     */
    private static boolean hasHost(URI uri) throws URISyntaxException {
        if (uri.getHost() != null) {
            return !uri.getHost().isBlank();
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isBlank()) {
            return false;
        }
        String userInfo = authority.contains("@") ? authority.substring(0, authority.lastIndexOf('@') + 1) : "";
        String hostAndPort = authority.substring(userInfo.length());
        int colon = hostAndPort.lastIndexOf(':');
        String host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
        String port = colon < 0 ? "" : hostAndPort.substring(colon);
        try {
            String ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES);
            URI asciiUri = new URI(uri.getScheme() + "://" + ascii + port + "/");
            return asciiUri.getHost() != null && !asciiUri.getHost().isBlank();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A commentary says something: at least one of its three texts is not blank. */
    public static void checkCommentary(CommentaryRequest request) {
        if (TextRules.blank(request.done()) && TextRules.blank(request.problems())
                && TextRules.blank(request.nextSteps())) {
            throw ProblemException.invalidField("done", "a commentary needs at least one of done, problems and nextSteps");
        }
    }

    /** The first free code of the owner's pattern: I.1.IMP1.M1, .M2, … */
    public static String nextMilestoneCode(String ownerCode, Collection<String> taken) {
        for (int n = 1;; n++) {
            String code = ownerCode + ".M" + n;
            if (!taken.contains(code)) {
                return code;
            }
        }
    }

    /** Blank text is no text: stored and compared as null. */
    static String text(String text) {
        return TextRules.blank(text) ? null : text.strip();
    }
}
