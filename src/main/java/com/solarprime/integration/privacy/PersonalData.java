package com.solarprime.integration.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.shared.ClientError;
import com.solarprime.integration.shared.PhoneNumbers;
import com.solarprime.integration.shared.TextTemplate;
import java.sql.ResultSetMetaData;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A person's rights over what the service stores of them: everything about them as JSON (access), and all of it made
 * anonymous (erasure). The erasure's local effects are this bean's; what Kommo must learn is queued by the route.
 */
@Component("personalData")
public class PersonalData {

    private static final Logger log = LoggerFactory.getLogger(PersonalData.class);
    static final String REASON = "personal data erased";
    private static final Set<String> JSON_COLUMNS = Set.of("tags", "profile");

    /**
     * What an erasure request did.
     *
     * @param status {@code erased}, or {@code already_erased} for a number erased before (nothing changed)
     * @param meetingsCancelled the meetings cancelled here whose Kommo side must follow
     * @param kommoLeadId the Kommo lead to leave the note on; null when there is none (or nothing was erased)
     */
    public record Erasure(String status, long leadId, Instant erasedAt, List<Long> meetingsCancelled, Long kommoLeadId,
                          String note, String meetingResult) {

        public boolean erased() {
            return status.equals("erased");
        }

        /** The answer to the caller: no personal data, only what happened. */
        public Map<String, Object> reply() {
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("status", status);
            reply.put("erasedAt", erasedAt);
            reply.put("leadId", leadId);
            return reply;
        }
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final SuppressedNumbers suppressed;
    private final Clock clock;
    private final DateTimeFormatter noteTime;
    private final TextTemplate note = TextTemplate.fromClasspath("templates/privacy/erased-note.txt");
    private final TextTemplate meetingCancelled = TextTemplate.fromClasspath("templates/privacy/meeting-cancelled.txt");

    public PersonalData(JdbcClient jdbc, ObjectMapper json, SuppressedNumbers suppressed, PrivacyProperties properties,
                        Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.suppressed = suppressed;
        this.clock = clock;
        this.noteTime = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(properties.zone());
    }

    /** Everything stored about the person with this number (any form of it); 400 not a number, 404 nobody known. */
    public Map<String, Object> access(String rawPhone) {
        String phone = phone(rawPhone);
        long leadId = leadOf(phone).orElseThrow(() -> new ClientError(404, "no personal data stored for this number"));
        Map<String, Object> lead = rows("""
                SELECT id, phone_e164 AS phone, whatsapp_jid, whatsapp_lid, name, name_source, email, local_stage, score,
                       solution_type, bill_value, responsible_user_id, tags::text AS tags, profile::text AS profile,
                       opted_out_at, opt_out_reason, last_inbound_at, last_outbound_at, created_at, updated_at
                FROM lead WHERE id = ?""", leadId).get(0);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("generatedAt", clock.instant());
        data.put("lead", lead);
        data.put("messages", rows("""
                SELECT id, direction, provider, provider_message_id, message_type, text, sent_at, text_purged_at
                FROM message WHERE lead_id = ? ORDER BY sent_at, id""", leadId));
        Map<String, Object> consent = new LinkedHashMap<>();
        consent.put("optedOut", lead.get("optedOutAt") != null);
        consent.put("optedOutAt", lead.get("optedOutAt"));
        consent.put("optOutReason", lead.get("optOutReason"));
        consent.put("changes", rows("""
                SELECT created_at AS at, substring(dedupe_key FROM 9) AS message_id, payload ->> 'text' AS note
                FROM kommo_outbox WHERE lead_id = ? AND kind = 'note' AND dedupe_key LIKE 'consent:%'
                ORDER BY created_at, id""", leadId));
        consent.put("confirmations", rows("""
                SELECT id, status, text, due_at, sent_at FROM follow_up WHERE lead_id = ? AND type = 'CONSENT'
                ORDER BY due_at, id""", leadId));
        data.put("consent", consent);
        data.put("followUps", rows("""
                SELECT id, type, status, due_at, text, sent_at, cancel_reason, last_error, created_at
                FROM follow_up WHERE lead_id = ? ORDER BY due_at, id""", leadId));
        data.put("meetings", rows("""
                SELECT id, salesperson_id, start_at, end_at, status, source, kommo_task_id, created_at
                FROM meeting WHERE lead_id = ? ORDER BY start_at, id""", leadId));
        data.put("stageHistory", rows("""
                SELECT h.changed_at, h.pipeline_id, h.from_status_id, h.to_status_id, h.source
                FROM stage_history h JOIN lead l ON l.kommo_lead_id = h.kommo_lead_id OR l.id = h.lead_id
                WHERE l.id = ? ORDER BY h.changed_at, h.id""", leadId));
        data.put("alerts", rows("""
                SELECT id, status, text, created_at, sent_at FROM notification WHERE lead_id = ? ORDER BY created_at, id""",
                leadId));
        Map<String, Object> kommo = rows("""
                SELECT kommo_lead_id AS lead_id, kommo_contact_id AS contact_id, kommo_status_id AS status_id, sync_state
                FROM lead WHERE id = ?""", leadId).get(0);
        kommo.put("mirror", rows("""
                SELECT name, pipeline_id, status_id, price, responsible_user_id, lead_source, loss_reason_id, created_at,
                       closed_at, deleted FROM kommo_lead WHERE lead_id = ?""", leadId).stream().findFirst().orElse(null));
        data.put("kommo", kommo);
        return data;
    }

    /**
     * Makes the person anonymous here, in the caller's transaction: name, number, e-mail, WhatsApp ids and profile, the
     * texts of every message, follow-up and alert, the webhook bodies and dead letters that carry their number, and the
     * payloads of Kommo writes about them. Pending follow-ups, alerts, meetings and Kommo writes are cancelled, and the
     * number is suppressed. A number erased before answers {@code already_erased} and changes nothing; 404 for a
     * number never seen.
     */
    public Erasure erase(String rawPhone) {
        String phone = phone(rawPhone);
        Optional<Long> found = leadOf(phone);
        if (found.isEmpty()) {
            SuppressedNumbers.Suppression before = suppressed.find(phone)
                    .orElseThrow(() -> new ClientError(404, "no personal data stored for this number"));
            return new Erasure("already_erased", before.leadId(), before.erasedAt(), List.of(), null, null, null);
        }
        long leadId = found.get();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<String, Object> lead = jdbc.sql("SELECT kommo_lead_id, whatsapp_lid FROM lead WHERE id = ? FOR UPDATE")
                .param(leadId).query().singleRow();
        Long kommoLeadId = (Long) lead.get("kommo_lead_id");

        List<String> traces = new ArrayList<>(digitForms(phone));
        if (lead.get("whatsapp_lid") != null) {
            traces.add(((String) lead.get("whatsapp_lid")).split("@")[0]);
        }
        String[] patterns = traces.stream().filter(t -> t.length() >= 8).map(t -> "%" + t + "%").toArray(String[]::new);
        // Webhooks still to be processed would bring the person back: they are dropped with their bodies.
        jdbc.sql("""
                        UPDATE inbox SET payload = NULL, payload_purged_at = :now,
                            status = CASE WHEN status IN ('pending', 'failed') THEN 'ignored' ELSE status END,
                            last_error = CASE WHEN status IN ('pending', 'failed') THEN :reason ELSE last_error END
                        WHERE payload LIKE ANY(:patterns)""")
                .param("now", Timestamp.from(now)).param("reason", REASON).param("patterns", patterns).update();
        jdbc.sql("UPDATE dead_letter SET payload = NULL, payload_purged_at = :now WHERE payload LIKE ANY(:patterns)")
                .param("now", Timestamp.from(now)).param("patterns", patterns).update();
        jdbc.sql("UPDATE message SET text = NULL, text_purged_at = ? WHERE lead_id = ?")
                .param(Timestamp.from(now)).param(leadId).update();
        jdbc.sql("""
                        UPDATE follow_up SET text = NULL, text_purged_at = :now,
                            status = CASE WHEN status = 'pending' THEN 'cancelled' ELSE status END,
                            cancel_reason = CASE WHEN status = 'pending' THEN :reason ELSE cancel_reason END
                        WHERE lead_id = :lead""")
                .param("now", Timestamp.from(now)).param("reason", REASON).param("lead", leadId).update();
        jdbc.sql("""
                        UPDATE notification SET text = NULL, text_purged_at = :now,
                            status = CASE WHEN status = 'pending' THEN 'failed' ELSE status END,
                            last_error = CASE WHEN status = 'pending' THEN :reason ELSE last_error END
                        WHERE lead_id = :lead""")
                .param("now", Timestamp.from(now)).param("reason", REASON).param("lead", leadId).update();
        List<Long> meetings = jdbc.sql("""
                        UPDATE meeting SET status = 'cancelled', updated_at = now()
                        WHERE lead_id = ? AND status IN ('scheduled', 'confirmed') RETURNING id""")
                .param(leadId).query(Long.class).list();
        // Kommo writes not sent yet would carry the person's data there; those sent keep no copy here.
        jdbc.sql("""
                        UPDATE kommo_outbox SET payload = '{}'::jsonb, payload_purged_at = :now,
                            status = CASE WHEN status = 'pending' THEN 'failed' ELSE status END,
                            last_error = CASE WHEN status = 'pending' THEN :reason ELSE last_error END
                        WHERE lead_id = :lead""")
                .param("now", Timestamp.from(now)).param("reason", REASON).param("lead", leadId).update();
        jdbc.sql("UPDATE kommo_lead SET name = NULL WHERE lead_id = ?").param(leadId).update();
        jdbc.sql("""
                        UPDATE lead SET phone_e164 = 'erased:' || id, name = NULL, name_source = NULL, email = NULL,
                            whatsapp_jid = NULL, whatsapp_lid = NULL, profile = '{}'::jsonb, sync_state = 'erased',
                            opted_out_at = COALESCE(opted_out_at, :now), opt_out_reason = :reason, erased_at = :now,
                            updated_at = :now
                        WHERE id = :lead""")
                .param("now", Timestamp.from(now)).param("reason", REASON).param("lead", leadId).update();
        suppressed.suppress(phone, leadId, now);
        log.info("Personal data of lead {} erased", leadId);
        return new Erasure("erased", leadId, now, meetings, kommoLeadId,
                note.render(Map.of("erasedAt", noteTime.format(now))), meetingCancelled.render(Map.of()));
    }

    private String phone(String raw) {
        return PhoneNumbers.tryE164(raw).orElseThrow(() -> new ClientError(400, "not a valid phone number"));
    }

    private Optional<Long> leadOf(String e164) {
        return jdbc.sql("SELECT id FROM lead WHERE phone_e164 = ?").param(e164).query(Long.class).optional();
    }

    /** The digits a provider may write the number with: Brazilian mobiles with and without their ninth digit. */
    static List<String> digitForms(String e164) {
        String digits = e164.substring(1);
        if (digits.startsWith("55") && digits.length() == 13 && digits.charAt(4) == '9') {
            return List.of(digits, digits.substring(0, 4) + digits.substring(5));
        }
        return List.of(digits);
    }

    /** Rows with camelCase keys, times as instants and JSON columns as JSON. */
    private List<Map<String, Object>> rows(String sql, long leadId) {
        return jdbc.sql(sql).param(leadId).query((rs, n) -> {
            ResultSetMetaData meta = rs.getMetaData();
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String column = meta.getColumnLabel(i);
                Object value = rs.getObject(i);
                if (value instanceof Timestamp time) {
                    value = time.toInstant();
                } else if (value != null && JSON_COLUMNS.contains(column)) {
                    try {
                        value = json.readTree((String) value);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(column + " is not JSON", e);
                    }
                }
                row.put(camel(column), value);
            }
            return row;
        }).list();
    }

    private static String camel(String column) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }
}
