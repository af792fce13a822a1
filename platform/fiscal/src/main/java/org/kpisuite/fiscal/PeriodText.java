package org.kpisuite.fiscal;

import java.text.Normalizer;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a period as people and spreadsheets write it, for CSV uploads that a department re-saved in Excel: a month
 * as {@code 2024/6/1}, {@code 2024/06}, {@code 2024-06-01} or {@code 2024年6月}; a quarter as {@code 2024年度第1四半期}
 * or {@code FY2024 Q1}; a half as {@code 2024年度上期} (上半期, 下期, 下半期) or {@code FY2024 H1}; the year as
 * {@code 2024年度}; the eras 令和 and 平成 for the Western year (令和6年 = 2024, 令和元年 = 2019, 平成31年 = 2019). A
 * month outside its era is no month: 令和 began in May 2019 and 平成 ended in April 2019, and there is no year 0;
 * 令和元年度 and 平成31年度 both name FY2019, as budgets wrote it. Full-width digits are read as digits. The years
 * of quarters, halves and 年度 are fiscal years. The strict forms ({@link Period#parse}) are read as they are.
 */
public final class PeriodText {

    private static final int REIWA_OFFSET = 2018;
    private static final int HEISEI_OFFSET = 1988;
    /** The month each era's calendar years end or begin in: 平成31年 ends with April, 令和元年 begins with May. */
    private static final YearMonth HEISEI_LAST = YearMonth.of(2019, 4);
    private static final YearMonth REIWA_FIRST = YearMonth.of(2019, 5);
    private static final String YEAR = "(\\d{4}|(?:令和|平成)(?:\\d{1,2}|元))";
    private static final Pattern DATE = Pattern.compile("(\\d{4})[/.-](\\d{1,2})(?:[/.-](\\d{1,2})(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?)?");
    private static final Pattern JA_MONTH = Pattern.compile(YEAR + "年(\\d{1,2})月(?:(\\d{1,2})日)?");
    private static final Pattern JA_QUARTER = Pattern.compile(YEAR + "年度第?([1-4])四半期");
    private static final Pattern JA_HALF = Pattern.compile(YEAR + "年度(上|下)(?:半)?期");
    private static final Pattern JA_YEAR = Pattern.compile(YEAR + "年度");
    private static final Pattern EN = Pattern.compile("FY(\\d{4})(?:[-/]?(Q[1-4]|H[12]))?");

    private PeriodText() {
    }

    public static Optional<Period> read(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Optional<Period> strict = Period.parse(text);
        if (strict.isPresent()) {
            return strict;
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s+", " ").strip();
        Matcher m = DATE.matcher(s);
        if (m.matches()) {
            return month(Integer.parseInt(m.group(1)), m.group(2), m.group(3));
        }
        String compact = s.replace(" ", "").toUpperCase(java.util.Locale.ROOT).replace("度(", "度").replace(")", "");
        Matcher jaMonth = JA_MONTH.matcher(compact);
        if (jaMonth.matches()) {
            return year(jaMonth.group(1)).flatMap(y -> month(y, jaMonth.group(2), jaMonth.group(3)))
                    .filter(p -> inEra(jaMonth.group(1), p.lastMonth()));
        }
        m = JA_QUARTER.matcher(compact);
        if (m.matches()) {
            int index = Integer.parseInt(m.group(2));
            return year(m.group(1)).map(y -> new Period(Frequency.QUARTERLY, y, index));
        }
        m = JA_HALF.matcher(compact);
        if (m.matches()) {
            int index = "上".equals(m.group(2)) ? 1 : 2;
            return year(m.group(1)).map(y -> new Period(Frequency.HALF_YEARLY, y, index));
        }
        m = JA_YEAR.matcher(compact);
        if (m.matches()) {
            return year(m.group(1)).map(y -> new Period(Frequency.ANNUALLY, y, 1));
        }
        m = EN.matcher(compact);
        if (m.matches()) {
            int year = Integer.parseInt(m.group(1));
            return m.group(2) == null ? Optional.of(new Period(Frequency.ANNUALLY, year, 1))
                    : Period.parse(year + "-" + m.group(2));
        }
        return Optional.empty();
    }

    /** The Western year of a year as written; empty for an era's year 0, or a 平成 year after its 31st. */
    private static Optional<Integer> year(String text) {
        if (text.startsWith("令和") || text.startsWith("平成")) {
            String n = text.substring(2);
            int eraYear = "元".equals(n) ? 1 : Integer.parseInt(n);
            boolean reiwa = text.startsWith("令和");
            if (eraYear < 1 || !reiwa && eraYear > 31) {
                return Optional.empty();
            }
            return Optional.of((reiwa ? REIWA_OFFSET : HEISEI_OFFSET) + eraYear);
        }
        return Optional.of(Integer.parseInt(text));
    }

    /** Whether a month written in an era's year lies in that era. */
    private static boolean inEra(String yearText, YearMonth month) {
        return yearText.startsWith("令和") ? !month.isBefore(REIWA_FIRST)
                : !yearText.startsWith("平成") || !month.isAfter(HEISEI_LAST);
    }

    /** A month, or a date that must be a real day of it (2024/6/31 is no date). */
    private static Optional<Period> month(int year, String monthText, String dayText) {
        int month = Integer.parseInt(monthText);
        if (month < 1 || month > 12) {
            return Optional.empty();
        }
        YearMonth ym = YearMonth.of(year, month);
        if (dayText != null) {
            int day = Integer.parseInt(dayText);
            if (day < 1 || day > ym.lengthOfMonth()) {
                return Optional.empty();
            }
        }
        return Optional.of(Period.of(Frequency.MONTHLY, ym));
    }
}
