package org.kpisuite.fiscal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The business days of a Japanese government office: every day but its closing days under the Act on Holidays of
 * Administrative Organs (行政機関の休日に関する法律, Article 1): Saturdays and Sundays, national holidays under the
 * Act on National Holidays (国民の祝日に関する法律) with their substitute holidays (振替休日) and the days between two
 * holidays (国民の休日), and 29 December to 3 January. The equinox days are the Cabinet's rule of thumb for 1980–2150
 * (the official days are announced a year ahead and have matched it); the one-off changes of 2019 (the
 * enthronement) and of 2020 and 2021 (the Tokyo Games) are listed.
 */
public final class BusinessDays {

    private static final Map<Integer, Set<LocalDate>> HOLIDAYS = new ConcurrentHashMap<>();

    private BusinessDays() {
    }

    public static boolean isBusinessDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !isYearEnd(day) && !isNationalHoliday(day);
    }

    /** The {@code count}-th business day after the day ({@code count} before it when negative; the day for 0). */
    public static LocalDate plus(LocalDate day, int count) {
        int step = count < 0 ? -1 : 1;
        LocalDate at = day;
        for (int counted = 0; counted < Math.abs(count);) {
            at = at.plusDays(step);
            if (isBusinessDay(at)) {
                counted++;
            }
        }
        return at;
    }

    /** Whether the day is a national holiday, a substitute holiday or a day between two holidays. */
    public static boolean isNationalHoliday(LocalDate day) {
        return HOLIDAYS.computeIfAbsent(day.getYear(), BusinessDays::holidays).contains(day);
    }

    private static boolean isYearEnd(LocalDate day) {
        MonthDay md = MonthDay.from(day);
        return !md.isBefore(MonthDay.of(12, 29)) || !md.isAfter(MonthDay.of(1, 3));
    }

    /** The national holidays of a year (as the Act has read since 2000), substitutes and days between included. */
    static Set<LocalDate> holidays(int year) {
        TreeSet<LocalDate> named = new TreeSet<>();
        named.add(LocalDate.of(year, 1, 1));
        named.add(monday(year, 1, 2)); // 成人の日
        named.add(LocalDate.of(year, 2, 11));
        if (year >= 2020) {
            named.add(LocalDate.of(year, 2, 23)); // 天皇誕生日
        } else if (year <= 2018) {
            named.add(LocalDate.of(year, 12, 23));
        }
        named.add(LocalDate.of(year, 3, equinox(year, 20.8431, 21.8510)));
        named.add(LocalDate.of(year, 4, 29));
        named.add(LocalDate.of(year, 5, 3));
        if (year >= 2007) {
            named.add(LocalDate.of(year, 5, 4)); // みどりの日 (before 2007 a day between two holidays, below)
        }
        named.add(LocalDate.of(year, 5, 5));
        named.add(switch (year) { // 海の日
            case 2020 -> LocalDate.of(2020, 7, 23);
            case 2021 -> LocalDate.of(2021, 7, 22);
            default -> year <= 2002 ? LocalDate.of(year, 7, 20) : monday(year, 7, 3);
        });
        if (year >= 2016) { // 山の日
            named.add(year == 2020 ? LocalDate.of(2020, 8, 10) : year == 2021 ? LocalDate.of(2021, 8, 8)
                    : LocalDate.of(year, 8, 11));
        }
        named.add(year <= 2002 ? LocalDate.of(year, 9, 15) : monday(year, 9, 3)); // 敬老の日
        named.add(LocalDate.of(year, 9, equinox(year, 23.2488, 24.2488)));
        named.add(switch (year) { // 体育の日, スポーツの日
            case 2020 -> LocalDate.of(2020, 7, 24);
            case 2021 -> LocalDate.of(2021, 7, 23);
            default -> monday(year, 10, 2);
        });
        named.add(LocalDate.of(year, 11, 3));
        named.add(LocalDate.of(year, 11, 23));
        if (year == 2019) {
            named.add(LocalDate.of(2019, 5, 1)); // 即位の日
            named.add(LocalDate.of(2019, 10, 22)); // 即位礼正殿の儀
        }
        TreeSet<LocalDate> all = new TreeSet<>(named);
        // 国民の休日: a day (other than a Sunday, which is no business day anyway) between two named holidays.
        for (LocalDate day : named) {
            LocalDate next = day.plusDays(1);
            if (!named.contains(next) && named.contains(day.plusDays(2))) {
                all.add(next);
            }
        }
        if (year == 2019) {
            all.add(LocalDate.of(2019, 4, 30)); // between 昭和の日 and 即位の日, and 2 May likewise
            all.add(LocalDate.of(2019, 5, 2));
        }
        // 振替休日: a holiday on a Sunday moves to the next day that is no named holiday (since 2007; the next day before).
        for (LocalDate day : named) {
            if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                LocalDate substitute = day.plusDays(1);
                while (year >= 2007 && named.contains(substitute)) {
                    substitute = substitute.plusDays(1);
                }
                all.add(substitute);
            }
        }
        return Set.copyOf(all);
    }

    /** The n-th Monday of the month (ハッピーマンデー). */
    private static LocalDate monday(int year, int month, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, DayOfWeek.MONDAY));
    }

    /** The day of March or September of the equinox by the rule of thumb (constants for 1980–2099, then to 2150). */
    private static int equinox(int year, double from1980, double from2100) {
        int offset = year - 1980;
        double base = year < 2100 ? from1980 : from2100;
        return (int) Math.floor(base + 0.242194 * offset - Math.floor(offset / 4.0));
    }
}
