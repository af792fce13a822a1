package org.kpisuite.reporting.config;

import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "kpi.reporting")
public interface ReportingConfig {

    /** The calendar of "today" (the default asOf) and of the end of an asOf day. */
    @WithDefault("Asia/Tokyo")
    ZoneId zone();

    /** A month's values are due this many business days (a government office's, BusinessDays) after the month ends. */
    @WithDefault("10")
    int deadlineBusinessDays();

    /**
     * The shortest time between two passes of the progress recalculation: polls that commit within it share one
     * pass, so that a stream of small polls costs a few passes a second, not one each.
     */
    @WithDefault("100ms")
    java.time.Duration progressPassInterval();

    Budget budget();

    /** Budget against actuals (予実管理). */
    interface Budget {

        /** A line drifts when its projected variance passes this share of its budget, either way. */
        @WithDefault("0.10")
        java.math.BigDecimal driftThreshold();

        /** Drift is judged from this month of the year on (2: May), so that April alone raises no alarm. */
        @WithDefault("2")
        int judgedFromMonth();

        /** A ceiling's balance at this share of the limit raises a warning (REACHED at the limit itself). */
        @WithDefault("0.8")
        java.math.BigDecimal ceilingWarningAt();

        /** How often the statuses are compared with those published, and changes announced. */
        @WithDefault("10s")
        java.time.Duration watchEvery();
    }

    Evaluation evaluation();

    /** The annual self-evaluation (S–D) of the plan's evaluation items and the report the agency files. */
    interface Evaluation {

        /**
         * The chapters evaluated section by section (Ⅰ's businesses, as the government's guideline asks); every other
         * chapter is one evaluation item.
         */
        @WithDefault("I")
        java.util.List<String> sectionedChapters();

        /** A TrueType font with Japanese glyphs for the PDF (IPAGothic: Debian's fonts-ipafont-gothic). */
        @WithDefault("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf")
        java.nio.file.Path pdfFont();
    }

    Reminders reminders();

    /**
     * Reminders by e-mail (and on kpi.reminders.v1): to a department that has not reported everything of a period a
     * few business days before its deadline (DUE_SOON) and after it (OVERDUE), and to the department's approvers when
     * its values wait too long for a decision (APPROVAL_WAITING). Texts take {department}, {period}, {deadline},
     * {indicators} (one line per value), {count} and {days} (the approval wait in days).
     */
    interface Reminders {

        /** false: no reminder is decided or mailed (those claimed but not yet mailed wait). */
        @WithDefault("true")
        boolean enabled();

        /** How often the reminders due are looked for (and unsent ones mailed again). */
        @WithDefault("1h")
        java.time.Duration every();

        /** DUE_SOON goes this many business days (a government office's) before a period's deadline. */
        @WithDefault("3")
        int daysBefore();

        /**
         * How far back OVERDUE reminders chase: periods whose deadline passed within it. (APPROVAL_WAITING chases every
         * undecided value of this fiscal year and the last, however long it has waited.)
         */
        @WithDefault("62d")
        java.time.Duration lookback();

        /** A value in force without an approval decision for longer than this is reminded to the approvers. */
        @WithDefault("5d")
        java.time.Duration approvalWait();

        /** A reminder claimed but not mailed (the SMTP server failed, a replica stopped) is mailed again after this. */
        @WithDefault("1m")
        java.time.Duration retryAfter();

        /** The sender of the reminders. */
        @WithDefault("kpi-noreply@agency.example")
        String from();

        /** A department's address; {department} is its code. */
        @WithDefault("kpi-{department}@agency.example")
        String departmentAddress();

        /** Addresses of departments that differ from the pattern, comma-separated: department-addresses.security=a@x,b@y. */
        java.util.Map<String, String> departmentAddresses();

        /** The address of a department's approvers; {department} is its code. */
        @WithDefault("kpi-approvers-{department}@agency.example")
        String approverAddress();

        /** Approvers' addresses that differ from the pattern, comma-separated, per department. */
        java.util.Map<String, String> approverAddresses();

        DueSoon dueSoon();

        interface DueSoon {

            @WithDefault("[KPI] {period} の実績値の提出期限は {deadline} です / Values for {period} are due on {deadline}")
            String subject();

            @WithDefault("{department} ご担当者様\n\n"
                    + "{period} の実績値のうち、次の {count} 件がまだ提出されていません。提出期限は {deadline} です。\n"
                    + "The following {count} values for {period} have not been reported yet; they are due on {deadline}.\n\n"
                    + "{indicators}\n\n"
                    + "KPI suite（自動送信 / sent automatically）\n")
            String body();
        }

        Overdue overdue();

        interface Overdue {

            @WithDefault("[KPI] {period} の実績値が提出期限（{deadline}）を過ぎています / Values for {period} are overdue")
            String subject();

            @WithDefault("{department} ご担当者様\n\n"
                    + "{period} の実績値のうち、次の {count} 件が提出期限 {deadline} を過ぎても提出されていません。至急ご提出ください。\n"
                    + "The following {count} values for {period} were due on {deadline} and have not been reported.\n\n"
                    + "{indicators}\n\n"
                    + "KPI suite（自動送信 / sent automatically）\n")
            String body();
        }

        ApprovalWaiting approvalWaiting();

        interface ApprovalWaiting {

            @WithDefault("[KPI] 承認待ちの実績値が {count} 件あります（{department}） / {count} values wait for approval")
            String subject();

            @WithDefault("{department} 承認者各位\n\n"
                    + "次の {count} 件の実績値が {days} 日を超えて承認を待っています。承認または差戻しをお願いします。\n"
                    + "The following {count} values have waited more than {days} days for approval: please approve or return them.\n\n"
                    + "{indicators}\n\n"
                    + "KPI suite（自動送信 / sent automatically）\n")
            String body();
        }
    }
}
