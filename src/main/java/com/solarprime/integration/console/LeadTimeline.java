package com.solarprime.integration.console;

import com.solarprime.integration.followup.FollowUps;
import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.kommo.KommoAccountProperties;
import com.solarprime.integration.kommo.KommoProperties;
import com.solarprime.integration.kommo.KommoTokenStore;
import com.solarprime.integration.shared.LogSanitizer;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One lead as the console's lead page shows it: who it is (its full phone number, on this page only), and everything
 * that happened to it merged by time: its messages, its stage changes with the actions each caused, its follow-ups,
 * its meetings; and how far Kommo has caught up with it.
 */
@Component
public class LeadTimeline {

    /** @param phone the full number: shown on the lead's own page and nowhere else */
    public record Person(long id, String name, String phone, String stage, Integer score, String solutionType,
                         BigDecimal billValue, Instant optedOutAt, Instant createdAt, Long kommoLeadId) {
    }

    /**
     * Kommo's view of the lead: the sync state, the local changes it has not seen yet, the writes still waiting.
     *
     * @param syncVersion changes made here that Kommo must see
     * @param syncedVersion the last of them a write to Kommo carried
     * @param lastError the last error of a write to Kommo for this lead, scrubbed; null when none
     * @param link the lead in Kommo (in sandbox mode, the sandbox's page); null while Kommo does not know it
     */
    public record Sync(String state, long syncVersion, long syncedVersion, long pendingWrites, long failedWrites,
                       String lastError, String link) {

        public boolean upToDate() {
            return syncedVersion >= syncVersion && pendingWrites == 0;
        }
    }

    /**
     * Something that happened to the lead, or will.
     *
     * @param kind {@code message-in}, {@code message-out}, {@code stage}, {@code follow-up}, {@code meeting}
     * @param details more lines (the actions a stage change caused, a follow-up's state)
     * @param cancellable the follow-up an operator may still cancel, null otherwise
     */
    public record Entry(Instant at, String kind, String title, String text, List<String> details, Long cancellable) {
    }

    public record Page(Person person, Sync sync, List<Entry> timeline) {
    }

    private static final int MESSAGES = 200;
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("HH:mm");

    private final JdbcClient jdbc;
    private final FollowUps followUps;
    private final FollowUpText texts;
    private final AccountMap map;
    private final KommoAccountProperties account;
    private final KommoProperties kommo;
    private final KommoTokenStore tokens;
    private final ConsoleProperties console;

    public LeadTimeline(JdbcClient jdbc, FollowUps followUps, FollowUpText texts, AccountMap map,
                        KommoAccountProperties account, KommoProperties kommo, KommoTokenStore tokens,
                        ConsoleProperties console) {
        this.jdbc = jdbc;
        this.followUps = followUps;
        this.texts = texts;
        this.map = map;
        this.account = account;
        this.kommo = kommo;
        this.tokens = tokens;
        this.console = console;
    }

    public Optional<Page> read(long leadId) {
        return person(leadId).map(person -> {
            List<Entry> timeline = new ArrayList<>();
            timeline.addAll(messages(leadId));
            timeline.addAll(stageChanges(person));
            timeline.addAll(followUps(person));
            timeline.addAll(meetings(person));
            timeline.sort(Comparator.comparing(Entry::at).reversed());
            return new Page(person, sync(person), timeline);
        });
    }

    private Optional<Person> person(long leadId) {
        return jdbc.sql("""
                        SELECT id, name, phone_e164, local_stage, score, solution_type, bill_value, opted_out_at, created_at,
                            kommo_lead_id
                        FROM lead WHERE id = ?""")
                .param(leadId)
                .query((rs, n) -> new Person(rs.getLong(1), rs.getString(2), rs.getString(3), stageName(rs.getString(4)),
                        (Integer) rs.getObject(5, Integer.class), rs.getString(6), rs.getBigDecimal(7),
                        instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)), (Long) rs.getObject(10, Long.class)))
                .optional();
    }

    private List<Entry> messages(long leadId) {
        return jdbc.sql("""
                        SELECT direction, message_type, text, sent_at FROM (
                            SELECT * FROM message WHERE lead_id = ? ORDER BY sent_at DESC, id DESC LIMIT ?) latest""")
                .param(leadId).param(MESSAGES)
                .query((rs, n) -> {
                    boolean in = "in".equals(rs.getString(1));
                    String type = rs.getString(2);
                    return new Entry(rs.getTimestamp(4).toInstant(), in ? "message-in" : "message-out",
                            (in ? "Message from the lead" : "Message to the lead") + ("text".equals(type) ? "" : " (" + type + ")"),
                            rs.getString(3), List.of(), null);
                })
                .list();
    }

    /** Each change with the actions its automation committed (keyed {@code auto:<change>:...} wherever they went). */
    private List<Entry> stageChanges(Person person) {
        List<Entry> changes = new ArrayList<>();
        Map<Long, List<String>> actions = new HashMap<>();
        record Change(long id, Long pipeline, Long from, long to, Instant at, String source, String status, String error,
                      String reason) {
        }
        List<Change> rows = jdbc.sql("""
                        SELECT id, pipeline_id, from_status_id, to_status_id, changed_at, source, status, last_error, reason
                        FROM stage_history WHERE lead_id = :lead OR (:kommo::bigint IS NOT NULL AND kommo_lead_id = :kommo)""")
                .param("lead", person.id()).param("kommo", person.kommoLeadId())
                .query((rs, n) -> new Change(rs.getLong(1), (Long) rs.getObject(2, Long.class), (Long) rs.getObject(3, Long.class),
                        rs.getLong(4), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9)))
                .list();
        if (rows.isEmpty()) {
            return changes;
        }
        Long[] ids = rows.stream().map(Change::id).toArray(Long[]::new);
        jdbc.sql("""
                        SELECT split_part(dedupe_key, ':', 2)::bigint, 'Kommo ' || kind || ': ' || coalesce(payload ->> 'text', '')
                            || ' (' || status || ')'
                        FROM kommo_outbox WHERE dedupe_key LIKE 'auto:%' AND split_part(dedupe_key, ':', 2)::bigint = ANY(:ids)
                        UNION ALL
                        SELECT split_part(dedupe_key, ':', 2)::bigint, 'Follow-up ' || type || ' due '
                            || to_char(due_at AT TIME ZONE :zone, 'DD/MM/YYYY HH24:MI') || ' (' || status || ')'
                        FROM follow_up WHERE dedupe_key LIKE 'auto:%' AND split_part(dedupe_key, ':', 2)::bigint = ANY(:ids)
                        UNION ALL
                        SELECT split_part(dedupe_key, ':', 2)::bigint, 'Alert to the salesperson (' || status || ')'
                        FROM notification WHERE dedupe_key LIKE 'auto:%' AND split_part(dedupe_key, ':', 2)::bigint = ANY(:ids)""")
                .param("ids", ids).param("zone", zone())
                .query((rs, n) -> actions.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)))
                .list();
        for (Change change : rows) {
            List<String> details = new ArrayList<>(actions.getOrDefault(change.id(), List.of()));
            details.add(0, "Recorded from " + change.source() + "; automation " + change.status()
                    + (change.reason() == null ? "" : " (" + change.reason() + ")")
                    + (change.error() == null ? "" : ": " + LogSanitizer.clean(change.error())));
            String from = change.from() == null ? null : statusName(change.pipeline(), change.from());
            changes.add(new Entry(change.at(), "stage",
                    "Stage " + (from == null ? "" : from + " → ") + statusName(change.pipeline(), change.to()), null,
                    details, null));
        }
        return changes;
    }

    private List<Entry> followUps(Person person) {
        List<Entry> entries = new ArrayList<>();
        for (FollowUps.View followUp : followUps.ofLead(person.id())) {
            List<String> details = new ArrayList<>();
            details.add(switch (followUp.status()) {
                case "sent" -> "Sent (" + followUp.attempts() + " attempt" + (followUp.attempts() == 1 ? "" : "s") + ")";
                case "cancelled" -> "Cancelled: " + followUp.cancelReason();
                case "failed" -> "Failed: " + LogSanitizer.clean(followUp.lastError());
                default -> "Due, " + followUp.status();
            });
            entries.add(new Entry(followUp.sentAt() != null ? followUp.sentAt() : followUp.dueAt(), "follow-up",
                    "Follow-up " + followUp.type(), texts.of(followUp.type(), person.name(), followUp.text()), details,
                    "pending".equals(followUp.status()) ? followUp.id() : null));
        }
        return entries;
    }

    private List<Entry> meetings(Person person) {
        return jdbc.sql("""
                        SELECT start_at, end_at, status, salesperson_id, source FROM meeting
                        WHERE lead_id = :lead OR (:kommo::bigint IS NOT NULL AND kommo_lead_id = :kommo)""")
                .param("lead", person.id()).param("kommo", person.kommoLeadId())
                .query((rs, n) -> new Entry(rs.getTimestamp(1).toInstant(), "meeting", "Meeting, " + rs.getString(3),
                        null, List.of("Until " + UNTIL.format(rs.getTimestamp(2).toInstant().atZone(console.zone()))
                                + " with Kommo user " + rs.getLong(4) + "; booked by " + rs.getString(5)), null))
                .list();
    }

    private Sync sync(Person person) {
        record Writes(long pending, long failed, String lastError) {
        }
        Writes writes = jdbc.sql("""
                        SELECT count(*) FILTER (WHERE status IN ('pending', 'claimed')), count(*) FILTER (WHERE status = 'failed'),
                            (SELECT last_error FROM kommo_outbox WHERE lead_id = :lead AND last_error IS NOT NULL
                             ORDER BY id DESC LIMIT 1)
                        FROM kommo_outbox WHERE lead_id = :lead""")
                .param("lead", person.id())
                .query((rs, n) -> new Writes(rs.getLong(1), rs.getLong(2), rs.getString(3))).single();
        return jdbc.sql("SELECT sync_state, sync_version, synced_version FROM lead WHERE id = ?").param(person.id())
                .query((rs, n) -> new Sync(rs.getString(1), rs.getLong(2), rs.getLong(3), writes.pending(), writes.failed(),
                        LogSanitizer.clean(writes.lastError()), link(person.kommoLeadId())))
                .single();
    }

    /** The lead in Kommo; in sandbox mode Kommo is the sandbox, whose page shows every lead. */
    private String link(Long kommoLeadId) {
        if (kommoLeadId == null) {
            return null;
        }
        if (kommo.effectiveMode() == KommoProperties.Mode.SANDBOX) {
            return "/sandbox/kommo/ui";
        }
        String subdomain = tokens.account().filter(s -> !s.isBlank()).orElse(kommo.subdomain());
        return "https://" + subdomain + ".kommo.com/leads/detail/" + kommoLeadId;
    }

    private String statusName(Long pipelineId, long statusId) {
        return map.stageKeyOf(pipelineId, statusId).map(this::stageName).orElse("status " + statusId);
    }

    private String stageName(String key) {
        return account.stages().stream().filter(s -> s.key().equals(key)).map(KommoAccountProperties.Stage::name)
                .findFirst().orElse(key);
    }

    private String zone() {
        return console.zone().getId();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
