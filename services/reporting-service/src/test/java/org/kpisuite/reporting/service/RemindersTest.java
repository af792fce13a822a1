package org.kpisuite.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.kpisuite.events.CloudEventHeaders;
import org.kpisuite.events.IndicatorEvent;
import org.kpisuite.events.MeasurementApprovalEvent;
import org.kpisuite.events.MeasurementEvent;
import org.kpisuite.events.ReminderEvent;
import org.kpisuite.events.ReminderEvent.Kind;
import org.kpisuite.events.Topics;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.fiscal.Frequency;
import org.kpisuite.fiscal.Period;
import org.kpisuite.reporting.TestMailServer;
import org.kpisuite.testing.CloudEvents;
import org.kpisuite.testing.SuiteEvents;
import org.kpisuite.testing.SuiteInfrastructure;
import org.kpisuite.testing.TopicReader;

import com.icegreen.greenmail.util.GreenMail;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Reminders reach a real SMTP server (GreenMail, {@link TestMailServer}) and kpi.reminders.v1, once: a department that
 * left its latest overdue month unreported gets one OVERDUE mail, its approvers one APPROVAL_WAITING mail for the value
 * that waits (not for the approved one), however often the job runs; a reminder claimed but never mailed (a replica
 * stopped) is mailed by the retry. Runs on today's date: the month left out is the latest whose deadline has passed.
 */
@QuarkusTest
@WithTestResource(SuiteInfrastructure.class)
class RemindersTest {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    @TestMailServer.InjectMailServer
    GreenMail mailServer;

    @Inject
    Reminders reminders;

    @Inject
    AgroalDataSource dataSource;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String department = "rem-" + suffix;
    private final String code = "reminded-" + suffix;
    private final String departmentAddress = "kpi-" + department + "@agency.example";
    private final String approversAddress = "kpi-approvers-" + department + "@agency.example";

    @Test
    void anOverdueMonthAndAWaitingValueAreRemindedOnceEach() throws Exception {
        LocalDate today = LocalDate.now(JAPAN);
        Instant now = Instant.now();
        YearMonth overdue = YearMonth.from(today);
        while (!Deadlines.deadline(overdue, 10).isBefore(today)) {
            overdue = overdue.minusMonths(1);
        }
        int fiscalYear = FiscalCalendar.fiscalYearOf(overdue);
        YearMonth waiting = overdue.minusMonths(1);
        YearMonth approved = overdue.minusMonths(2);

        // Every ended month of the year but the overdue one, a moment ago; the two before it long ago, one approved.
        List<YearMonth> reported = new ArrayList<>();
        for (Period p : Period.all(Frequency.MONTHLY, fiscalYear).subList(0,
                Period.ended(Frequency.MONTHLY, fiscalYear, today))) {
            reported.add(p.lastMonth());
        }
        reported.remove(overdue);
        for (YearMonth old : List.of(waiting, approved)) {
            if (!reported.contains(old)) {
                reported.add(old);
            }
        }
        Instant longAgo = now.minus(Duration.ofDays(20));
        List<TopicReader.Outgoing> log = new ArrayList<>();
        // The approval first, on the same key (so the same partition): no run can see the value without it.
        log.add(approval(approved, now.minus(Duration.ofDays(10))));
        for (YearMonth month : reported) {
            log.add(value(month, month.equals(waiting) || month.equals(approved) ? longAgo : now.minusSeconds(3600)));
        }
        TopicReader.sendAll(SuiteEvents.bootstrapServers(), Topics.MEASUREMENTS, log);
        // The values are in before the indicator is known, so no run sees the months as missing half-way.
        await().atMost(Duration.ofSeconds(60)).until(() -> count(
                "select count(*) from measurement_revision where indicator_code = ?") == reported.size()
                && count("select count(*) from measurement_approval where indicator_code = ?") == 1);
        SuiteEvents.indicator(new IndicatorEvent(code, "催促テスト件数", "Reminder test count", "items", department,
                UUID.randomUUID(), false, false, IndicatorEvent.Aggregation.SUM,
                List.of(new IndicatorEvent.Target(fiscalYear, IndicatorEvent.Comparator.AT_LEAST, new BigDecimal("100"))),
                false, 1, now));

        // The department: the overdue month, with its deadline and the indicator.
        LocalDate deadline = Deadlines.deadline(overdue, 10);
        MimeMessage toDepartment = await().atMost(Duration.ofSeconds(60)).until(() -> mails(departmentAddress),
                m -> !m.isEmpty()).get(0);
        assertThat(toDepartment.getSubject()).contains(overdue.toString()).contains(deadline.toString())
                .contains("提出期限");
        assertThat(text(toDepartment)).contains(department).contains(code).contains("催促テスト件数")
                .contains("1 件").contains("were due on " + deadline);
        assertThat(toDepartment.getFrom()[0].toString()).isEqualTo("kpi-noreply@agency.example");

        // The approvers: the value recorded long ago without a decision, not the approved one, nor the recent ones.
        MimeMessage toApprovers = await().atMost(Duration.ofSeconds(60)).until(() -> mails(approversAddress),
                m -> !m.isEmpty()).get(0);
        assertThat(toApprovers.getSubject()).contains("承認待ち").contains("1 件");
        assertThat(text(toApprovers)).contains(code + " ").contains(waiting + "（記録 recorded "
                + LocalDate.ofInstant(longAgo, JAPAN) + "）").doesNotContain(approved.toString());

        // The events, keyed by the department.
        ReminderEvent overdueEvent = event(Kind.OVERDUE);
        assertThat(overdueEvent.period()).isEqualTo(overdue.toString());
        assertThat(overdueEvent.deadline()).isEqualTo(deadline);
        assertThat(overdueEvent.recipients()).containsExactly(departmentAddress);
        assertThat(overdueEvent.indicatorCodes()).containsExactly(code);
        assertThat(overdueEvent.count()).isEqualTo(1);
        assertThat(overdueEvent.subject()).isEqualTo(toDepartment.getSubject());
        ReminderEvent waitingEvent = event(Kind.APPROVAL_WAITING);
        assertThat(waitingEvent.period()).as("keyed by the day").isEqualTo(LocalDate.now(JAPAN).toString());
        assertThat(waitingEvent.recipients()).containsExactly(approversAddress);
        assertThat(waitingEvent.count()).isEqualTo(1);

        // Run again (here, and on the schedule every 3 s: a tick at least): nothing more for this department.
        reminders.run(Instant.now());
        reminders.run(Instant.now());
        Thread.sleep(4_000);
        assertThat(mails(departmentAddress)).hasSize(1);
        assertThat(mails(approversAddress)).hasSize(1);
        assertThat(SuiteEvents.readAll(Topics.REMINDERS, r -> department.equals(r.key()), Duration.ofSeconds(2)))
                .hasSize(2);
        assertThat(count("select count(*) from reminder where department = ? and sent_at is not null and attempts = 1",
                department)).isEqualTo(2);
    }

    @Test
    void aReminderClaimedButNeverMailedIsMailedByTheRetryAndOneThatFailsWaitsWithoutHoldingUpOthers() throws Exception {
        String stopped = department + "-stopped";
        String failing = department + "-failing";
        String address = "stopped-" + suffix + "@agency.example";
        // As a replica leaves a reminder when it stops between its claim's commit and the mail; and one whose mail
        // the server refuses, claimed before it.
        claimedLongAgo(failing, "not an address", "refused " + suffix, "3 minutes");
        claimedLongAgo(stopped, address, "retried " + suffix, "2 minutes");
        await().atMost(Duration.ofSeconds(30)).until(() -> mails(address), m -> !m.isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "select count(*) from reminder where department = ? and sent_at is not null", stopped) == 1);
        // A scheduled tick at least (every 3 s) after the retry: still the one mail.
        Thread.sleep(4_000);
        assertThat(mails(address)).singleElement().satisfies(m -> assertThat(m.getSubject())
                .isEqualTo("retried " + suffix));
        assertThat(count("select count(*) from reminder where department = ? and sent_at is null and attempts >= 1 "
                + "and last_error is not null", failing)).as("tried, failed, left for a later run").isEqualTo(1);
        try (Connection connection = dataSource.getConnection(); PreparedStatement delete = connection.prepareStatement(
                "delete from reminder where department = ?")) {
            delete.setString(1, failing); // not retried for the rest of the module's tests
            delete.executeUpdate();
        }
    }

    private void claimedLongAgo(String department, String recipient, String subject, String ago) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement("""
                insert into reminder (id, kind, period, department, deadline, recipients, indicator_codes, value_count,
                    subject, body, claimed_at)
                values (?, 'OVERDUE', '2026-01', ?, date '2026-02-13', ?, ?, 1, ?, 'body', now() - ?::interval)""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, department);
            insert.setArray(3, connection.createArrayOf("varchar", new Object[] { recipient }));
            insert.setArray(4, connection.createArrayOf("varchar", new Object[] { code }));
            insert.setString(5, subject);
            insert.setString(6, ago);
            insert.executeUpdate();
        }
    }

    private List<MimeMessage> mails(String address) {
        return mailServer.findReceivedMessages(user -> address.equalsIgnoreCase(user.getEmail()), m -> true).toList();
    }

    private static String text(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof Multipart multipart) {
            return String.valueOf(multipart.getBodyPart(0).getContent());
        }
        return String.valueOf(content);
    }

    private ReminderEvent event(Kind kind) {
        ConsumerRecord<String, String> record = SuiteEvents.awaitRecord(Topics.REMINDERS, r -> department.equals(r.key())
                && ReminderEvent.TYPE_ISSUED.equals(TopicReader.header(r, CloudEventHeaders.TYPE))
                && SuiteEvents.read(r.value(), ReminderEvent.class).kind() == kind);
        return SuiteEvents.read(record.value(), ReminderEvent.class);
    }

    private long count(String sql) throws Exception {
        return count(sql, code);
    }

    private long count(String sql, String parameter) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private TopicReader.Outgoing value(YearMonth month, Instant recordedAt) {
        var event = new MeasurementEvent(UUID.randomUUID(), code, null, null, department, month.toString(),
                BigDecimal.TEN, 1, null, null, "test", recordedAt);
        return new TopicReader.Outgoing(code, SuiteEvents.json(event), CloudEvents.headers(MeasurementEvent.TYPE_RECORDED,
                code));
    }

    private TopicReader.Outgoing approval(YearMonth month, Instant decidedAt) {
        var event = new MeasurementApprovalEvent(code, null, null, department, month.toString(), 1, 1,
                MeasurementApprovalEvent.Decision.APPROVED, null, "approver@test", decidedAt);
        return new TopicReader.Outgoing(code, SuiteEvents.json(event),
                CloudEvents.headers(MeasurementApprovalEvent.TYPE_DECIDED, code));
    }
}
