package org.kpisuite.reporting.service;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;
import org.kpisuite.events.ReminderEvent;
import org.kpisuite.events.ReminderEvent.Kind;
import org.kpisuite.events.Topics;
import org.kpisuite.fiscal.FiscalCalendar;
import org.kpisuite.messaging.Outbox;
import org.kpisuite.reporting.config.ReportingConfig;
import org.kpisuite.reporting.service.ReminderRules.Due;
import org.kpisuite.reporting.service.ReminderRules.Value;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Reminds departments of values due soon or overdue and their approvers of values waiting for a decision, by e-mail
 * and on kpi.reminders.v1 ({@link ReminderRules} says which are due; {@code kpi.reporting.reminders.*} the schedule,
 * addresses and texts).
 * <p>
 * Once per kind, period and department, whatever the number of replicas: a reminder is claimed by inserting its row
 * ({@code reminder}, unique on kind, period and department; {@code on conflict do nothing}) and its event through the
 * outbox in one transaction; only the replica whose insert took it goes on. The mail goes after that commit, from a
 * transaction that holds the row ({@code for update skip locked}, so no two replicas mail one row at once) and marks it
 * sent. A mail that fails (no SMTP server, a refusal) is logged and leaves the row unsent; so does a replica stopped
 * between claim and mail. Every run mails again the rows unsent for longer than {@code retry-after}. Delivery is
 * therefore at least once: a crash after the SMTP server took a mail but before its row was marked sends it again.
 * Nothing is decided while a rebuild replays the topics (the values are being put back).
 */
@ApplicationScoped
public class Reminders {

    private static final Logger LOG = Logger.getLogger(Reminders.class);

    /** Bound for one mail's SMTP conversation; the sending transaction outlives it. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    /** Most mails one run sends; the rest wait for the next run. */
    private static final int MAX_MAILS_PER_RUN = 500;

    @Inject
    CompletenessService completeness;

    @Inject
    ReadModelState state;

    @Inject
    EntityManager entityManager;

    @Inject
    Outbox outbox;

    @Inject
    ReactiveMailer mailer;

    @Inject
    ReportingConfig config;

    @Scheduled(every = "${kpi.reporting.reminders.every:1h}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void remind() {
        if (config.reminders().enabled()) {
            run(Instant.now());
        }
    }

    /** Claims the reminders due at the instant, then mails what is claimed and unsent; answers how many were mailed. */
    public int run(Instant now) {
        List<UUID> claimed = QuarkusTransaction.requiringNew().call(() -> claim(now));
        return sendUnsent(claimed);
    }

    /** In the caller's transaction: the reminders due now that nobody claimed yet, claimed with their events. */
    List<UUID> claim(Instant now) {
        if (state.rebuildingForShare()) {
            return List.of();
        }
        ReportingConfig.Reminders settings = config.reminders();
        LocalDate today = LocalDate.ofInstant(now, config.zone());
        long lookbackDays = settings.lookback().toDays();
        List<Due> due = new ArrayList<>();
        for (int year = ReminderRules.firstFiscalYear(today, lookbackDays, config.deadlineBusinessDays());
                year <= FiscalCalendar.fiscalYearOf(today); year++) {
            due.addAll(ReminderRules.missing(completeness.completeness(year, today), today, settings.daysBefore(),
                    lookbackDays));
        }
        // However long a value has waited, while its year is open: this one, and the last (being evaluated).
        due.addAll(ReminderRules.waiting(provisional(FiscalCalendar.fiscalYearOf(today) - 1), now, today,
                settings.approvalWait()));
        if (due.isEmpty()) {
            return List.of();
        }
        Set<String> taken = claimedKeys(due);
        List<Due> open = due.stream().filter(d -> !taken.contains(key(d.kind().name(), d.period(), d.department())))
                .toList();
        if (open.isEmpty()) {
            return List.of();
        }
        Map<String, String> names = names(open);
        List<UUID> ids = new ArrayList<>();
        List<Outbox.Entry> events = new ArrayList<>();
        Jdbc.work(entityManager, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into reminder (id, kind, period, department, deadline, recipients, indicator_codes,
                        value_count, subject, body, claimed_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                    on conflict (kind, period, department) do nothing""")) {
                for (Due reminder : open) {
                    UUID id = UUID.randomUUID();
                    List<String> recipients = recipients(reminder);
                    String subject = render(subject(reminder.kind()), reminder, names);
                    insert.setObject(1, id);
                    insert.setString(2, reminder.kind().name());
                    insert.setString(3, reminder.period());
                    insert.setString(4, reminder.department());
                    insert.setDate(5, reminder.deadline() == null ? null : Date.valueOf(reminder.deadline()));
                    insert.setArray(6, Jdbc.strings(connection, recipients));
                    insert.setArray(7, Jdbc.strings(connection, reminder.indicatorCodes()));
                    insert.setInt(8, reminder.values().size());
                    insert.setString(9, subject);
                    insert.setString(10, render(body(reminder.kind()), reminder, names));
                    if (insert.executeUpdate() == 1) { // else another replica took it since claimedKeys
                        ids.add(id);
                        events.add(new Outbox.Entry(reminder.department(), new ReminderEvent(id, reminder.kind(),
                                reminder.department(), reminder.period(), reminder.deadline(), recipients,
                                reminder.indicatorCodes(), reminder.values().size(), subject, now)));
                    }
                }
            }
            return null;
        });
        if (!events.isEmpty()) {
            outbox.recordAll(Topics.REMINDERS, ReminderEvent.AGGREGATE_TYPE, ReminderEvent.TYPE_ISSUED, events);
        }
        return ids;
    }

    /**
     * Mails the reminders just claimed and those unsent for longer than the retry interval, each from its own
     * transaction that holds the row; stops at the first failure (the server is likely down: the next run retries).
     */
    int sendUnsent(List<UUID> claimed) {
        int sent = 0;
        for (int i = 0; i < MAX_MAILS_PER_RUN; i++) {
            Boolean outcome = QuarkusTransaction.requiringNew().timeout((int) SEND_TIMEOUT.toSeconds() * 2)
                    .call(() -> sendOne(claimed));
            if (outcome == null || !outcome) {
                break;
            }
            sent++;
        }
        return sent;
    }

    /** Null when nothing waits; true when a mail went, false when it failed (recorded on its row). */
    private Boolean sendOne(List<UUID> claimed) {
        return Jdbc.work(entityManager, connection -> {
            UUID id;
            Mail mail;
            try (PreparedStatement next = connection.prepareStatement("""
                    select id, kind, period, department, recipients, subject, body from reminder
                    where sent_at is null
                      and (attempts = 0 and (id = any(?) or claimed_at < now() - make_interval(secs => ?))
                        or attempts > 0 and last_attempt_at < now() - make_interval(secs => ?))
                    order by coalesce(last_attempt_at, claimed_at)
                    limit 1
                    for update skip locked""")) {
                next.setArray(1, connection.createArrayOf("uuid", claimed.toArray()));
                double retry = config.reminders().retryAfter().toMillis() / 1000.0;
                next.setDouble(2, retry);
                next.setDouble(3, retry);
                try (ResultSet rs = next.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    id = rs.getObject("id", UUID.class);
                    String[] recipients = (String[]) rs.getArray("recipients").getArray();
                    mail = new Mail().setFrom(config.reminders().from()).setTo(Arrays.asList(recipients))
                            .setSubject(rs.getString("subject")).setText(rs.getString("body"));
                    LOG.debugf("mailing reminder %s (%s %s %s) to %s", id, rs.getString("kind"), rs.getString("period"),
                            rs.getString("department"), mail.getTo());
                }
            }
            String error = null;
            try {
                mailer.send(mail).await().atMost(SEND_TIMEOUT);
            } catch (RuntimeException e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.warnf("reminder %s to %s not mailed, left for a later run: %s", id, mail.getTo(), error);
            }
            try (PreparedStatement mark = connection.prepareStatement(error == null
                    ? "update reminder set sent_at = now(), attempts = attempts + 1, last_attempt_at = now(), "
                            + "last_error = null where id = ?"
                    : "update reminder set attempts = attempts + 1, last_attempt_at = now(), last_error = ? "
                            + "where id = ?")) {
                if (error == null) {
                    mark.setObject(1, id);
                } else {
                    mark.setString(1, error.length() > 2000 ? error.substring(0, 2000) : error);
                    mark.setObject(2, id);
                }
                mark.executeUpdate();
            }
            return error == null;
        });
    }

    /** The values in force of the fiscal year and later without an approval decision on their revision. */
    private Map<String, List<Value>> provisional(int fromFiscalYear) {
        return Jdbc.work(entityManager, connection -> {
            Map<String, List<Value>> byDepartment = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    select c.department, c.indicator_code, c.period, r.recorded_at
                    from measurement_current c
                    join measurement_revision r on r.indicator_code = c.indicator_code and r.component = c.component
                        and r.breakdown = c.breakdown and r.department = c.department and r.period = c.period
                        and r.revision = c.revision
                    where c.fiscal_year >= ?
                      and approval_before(c.indicator_code, c.component, c.breakdown, c.department, c.period,
                                          c.revision, 'infinity') is null""")) {
                select.setInt(1, fromFiscalYear);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        byDepartment.computeIfAbsent(rs.getString(1), d -> new ArrayList<>()).add(new Value(
                                rs.getString(2), rs.getString(3).trim(), rs.getTimestamp(4).toInstant()));
                    }
                }
            }
            return byDepartment;
        });
    }

    /** The keys of the reminders among these that are claimed already. */
    private Set<String> claimedKeys(List<Due> due) {
        Set<String> periods = new TreeSet<>();
        due.forEach(d -> periods.add(d.period()));
        return Jdbc.work(entityManager, connection -> {
            Set<String> keys = new HashSet<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select kind, period, department from reminder where period = any(?)")) {
                select.setArray(1, Jdbc.strings(connection, periods));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        keys.add(key(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return keys;
        });
    }

    private static String key(String kind, String period, String department) {
        return kind + "|" + period + "|" + department;
    }

    /** The indicators' Japanese names, for the lines of the mails. */
    private Map<String, String> names(List<Due> due) {
        Set<String> codes = new TreeSet<>();
        due.forEach(d -> codes.addAll(d.indicatorCodes()));
        return Jdbc.work(entityManager, connection -> {
            Map<String, String> names = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select code, state->>'nameJa' from indicator_view where code = any(?)")) {
                select.setArray(1, Jdbc.strings(connection, codes));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        names.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return names;
        });
    }

    List<String> recipients(Due reminder) {
        ReportingConfig.Reminders settings = config.reminders();
        boolean approvers = reminder.kind() == Kind.APPROVAL_WAITING;
        String listed = (approvers ? settings.approverAddresses() : settings.departmentAddresses())
                .get(reminder.department());
        if (listed != null && !listed.isBlank()) {
            return Arrays.stream(listed.split(",")).map(String::trim).filter(a -> !a.isEmpty()).toList();
        }
        return List.of((approvers ? settings.approverAddress() : settings.departmentAddress())
                .replace("{department}", reminder.department()));
    }

    private String subject(Kind kind) {
        return switch (kind) {
            case DUE_SOON -> config.reminders().dueSoon().subject();
            case OVERDUE -> config.reminders().overdue().subject();
            case APPROVAL_WAITING -> config.reminders().approvalWaiting().subject();
        };
    }

    private String body(Kind kind) {
        return switch (kind) {
            case DUE_SOON -> config.reminders().dueSoon().body();
            case OVERDUE -> config.reminders().overdue().body();
            case APPROVAL_WAITING -> config.reminders().approvalWaiting().body();
        };
    }

    /** The text with its placeholders filled in. */
    private String render(String text, Due reminder, Map<String, String> names) {
        StringBuilder lines = new StringBuilder();
        for (Value value : reminder.values()) {
            if (!lines.isEmpty()) {
                lines.append('\n');
            }
            lines.append("- ").append(value.indicatorCode());
            String name = names.get(value.indicatorCode());
            if (name != null) {
                lines.append(" ").append(name);
            }
            if (value.recordedAt() != null) {
                lines.append(" ").append(value.period()).append("（記録 recorded ")
                        .append(LocalDate.ofInstant(value.recordedAt(), config.zone())).append("）");
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("{department}", reminder.department());
        values.put("{period}", reminder.period());
        values.put("{deadline}", reminder.deadline() == null ? "" : reminder.deadline().toString());
        values.put("{indicators}", lines.toString());
        values.put("{count}", Integer.toString(reminder.values().size()));
        values.put("{days}", Long.toString(config.reminders().approvalWait().toDays()));
        String rendered = text;
        for (var placeholder : values.entrySet()) {
            rendered = rendered.replace(placeholder.getKey(), placeholder.getValue());
        }
        return rendered;
    }
}
