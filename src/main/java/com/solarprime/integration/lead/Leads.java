package com.solarprime.integration.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.qualification.ConversationStats;
import com.solarprime.integration.qualification.LocalStage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads and writes the local lead mirror. */
@Component
public class Leads {

    private static final String COLUMNS = "id, phone_e164, whatsapp_jid, whatsapp_lid, name, email, kommo_lead_id, "
            + "kommo_contact_id, kommo_status_id, local_stage, score, solution_type, bill_value, responsible_user_id, "
            + "tags::text AS tags, sync_state, opted_out_at, last_inbound_at, last_outbound_at";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final RowMapper<Lead> mapper = this::map;

    public Leads(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The lead row of a WhatsApp contact and whether this call created it. */
    public record Contact(long leadId, boolean created) {
    }

    /**
     * Finds or creates the lead of a phone number in one statement, so that concurrent first messages from
     * one number create one lead. The WhatsApp profile name is taken until someone supplies a real one.
     */
    public Contact contactByPhone(String phoneE164, String jid, String lid, String pushName) {
        return jdbc.sql("""
                        INSERT INTO lead (phone_e164, whatsapp_jid, whatsapp_lid, name, name_source)
                        VALUES (:phone, :jid, :lid, :name, CASE WHEN :name::text IS NULL THEN NULL ELSE 'whatsapp' END)
                        ON CONFLICT (phone_e164) DO UPDATE SET
                            whatsapp_jid = COALESCE(EXCLUDED.whatsapp_jid, lead.whatsapp_jid),
                            whatsapp_lid = COALESCE(EXCLUDED.whatsapp_lid, lead.whatsapp_lid),
                            name = CASE WHEN lead.name_source IS NULL OR lead.name_source = 'whatsapp'
                                        THEN COALESCE(EXCLUDED.name, lead.name) ELSE lead.name END,
                            name_source = CASE WHEN lead.name_source IS NULL AND EXCLUDED.name IS NOT NULL
                                        THEN 'whatsapp' ELSE lead.name_source END,
                            updated_at = now()
                        RETURNING id, (xmax = 0) AS created""")
                .param("phone", phoneE164).param("jid", jid).param("lid", lid).param("name", pushName)
                .query((rs, n) -> new Contact(rs.getLong(1), rs.getBoolean(2))).single();
    }

    /** Engagement computed from the stored conversation, never taken on trust from input. */
    public ConversationStats conversationStats(long leadId) {
        return ConversationStats.of(jdbc.sql("SELECT direction = 'in', sent_at FROM message WHERE lead_id = ? ORDER BY sent_at, id")
                .param(leadId)
                .query((rs, n) -> new ConversationStats.Message(rs.getBoolean(1), rs.getTimestamp(2).toInstant()))
                .list());
    }

    /**
     * The lead of a WhatsApp LID, locked until the caller's transaction ends: an erasure being committed meanwhile is
     * waited for, and then the lead no longer has the LID.
     */
    public Optional<Long> idByLid(String lid) {
        return jdbc.sql("SELECT id FROM lead WHERE whatsapp_lid = ? FOR UPDATE").param(lid).query(Long.class).optional();
    }

    /**
     * The lead of a phone number, locked until the caller's transaction ends: what one of its bookings checks (its one
     * active meeting) is settled by the booking committed before it, not raced.
     */
    public Optional<Lead> lockedByPhone(String phoneE164) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM lead WHERE phone_e164 = ? FOR UPDATE").param(phoneE164).query(mapper)
                .optional();
    }

    public Optional<Lead> byPhone(String phoneE164) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM lead WHERE phone_e164 = ?").param(phoneE164).query(mapper).optional();
    }

    public Lead byId(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM lead WHERE id = ?").param(id).query(mapper).single();
    }

    public List<Lead> byIds(List<Long> ids) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM lead WHERE id = ANY(:ids) ORDER BY id")
                .param("ids", ids.toArray(Long[]::new)).query(mapper).list();
    }

    /** The agent's last reported profile of each lead (an empty object when none). */
    public java.util.Map<Long, com.fasterxml.jackson.databind.JsonNode> profiles(List<Long> ids) {
        java.util.Map<Long, com.fasterxml.jackson.databind.JsonNode> profiles = new java.util.HashMap<>();
        jdbc.sql("SELECT id, profile::text FROM lead WHERE id = ANY(:ids)").param("ids", ids.toArray(Long[]::new))
                .query((rs, n) -> {
                    try {
                        profiles.put(rs.getLong(1), json.readTree(rs.getString(2)));
                    } catch (JsonProcessingException e) {
                        throw new SQLException("lead.profile is not JSON", e);
                    }
                    return null;
                }).list();
        return profiles;
    }

    public void touched(long leadId, boolean inbound, Instant at) {
        jdbc.sql(inbound
                        ? "UPDATE lead SET last_inbound_at = GREATEST(last_inbound_at, ?), updated_at = now() WHERE id = ?"
                        : "UPDATE lead SET last_outbound_at = GREATEST(last_outbound_at, ?), updated_at = now() WHERE id = ?")
                .param(Timestamp.from(at)).param(leadId).update();
    }

    /** True when this call changed the consent state. */
    public boolean optOut(long leadId, String reason) {
        return jdbc.sql("UPDATE lead SET opted_out_at = now(), opt_out_reason = ?, updated_at = now() "
                + "WHERE id = ? AND opted_out_at IS NULL").param(reason).param(leadId).update() > 0;
    }

    public boolean optIn(long leadId) {
        return jdbc.sql("UPDATE lead SET opted_out_at = NULL, opt_out_reason = NULL, updated_at = now() "
                + "WHERE id = ? AND opted_out_at IS NOT NULL").param(leadId).update() > 0;
    }

    public void setTags(long leadId, List<String> tags) {
        jdbc.sql("UPDATE lead SET tags = ?::jsonb, updated_at = now() WHERE id = ?").param(write(tags)).param(leadId).update();
    }

    public void linkedToKommo(long leadId, long kommoLeadId, Long kommoContactId, Long statusId) {
        jdbc.sql("""
                        UPDATE lead SET kommo_lead_id = :lead, kommo_contact_id = COALESCE(:contact, kommo_contact_id),
                            kommo_status_id = COALESCE(:status, kommo_status_id), sync_state = 'synced', updated_at = now()
                        WHERE id = :id""")
                .param("lead", kommoLeadId).param("contact", kommoContactId).param("status", statusId).param("id", leadId)
                .update();
    }

    public void syncState(long leadId, String state) {
        jdbc.sql("UPDATE lead SET sync_state = ? WHERE id = ?").param(state).param(leadId).update();
    }

    /** The lead's local stage; Kommo follows through an update of the lead. */
    public void moveStage(long leadId, LocalStage stage) {
        jdbc.sql("UPDATE lead SET local_stage = :stage, updated_at = now() WHERE id = :id")
                .param("stage", stage.name()).param("id", leadId).update();
    }

    /**
     * The leads' sync versions. Read before the leads themselves, so that a change committed in between is never
     * taken as carried by the write: at worst it is sent once more.
     */
    public java.util.Map<Long, Long> syncVersions(List<Long> ids) {
        java.util.Map<Long, Long> versions = new java.util.HashMap<>();
        jdbc.sql("SELECT id, sync_version FROM lead WHERE id = ANY(:ids)").param("ids", ids.toArray(Long[]::new))
                .query((rs, n) -> versions.put(rs.getLong(1), rs.getLong(2))).list();
        return versions;
    }

    /** Kommo has the lead as it was at this sync version. */
    public void synced(long leadId, long version) {
        jdbc.sql("UPDATE lead SET synced_version = GREATEST(synced_version, ?) WHERE id = ?").param(version).param(leadId).update();
    }

    /** Leads whose latest change Kommo has already. */
    public java.util.Set<Long> upToDateInKommo(List<Long> ids) {
        return new java.util.HashSet<>(jdbc.sql("SELECT id FROM lead WHERE id = ANY(:ids) AND synced_version >= sync_version")
                .param("ids", ids.toArray(Long[]::new)).query(Long.class).list());
    }

    public void kommoStatus(long leadId, long statusId) {
        jdbc.sql("UPDATE lead SET kommo_status_id = ?, updated_at = now() WHERE id = ?").param(statusId).param(leadId).update();
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Lead map(ResultSet rs, int row) throws SQLException {
        List<String> tags;
        try {
            tags = json.readValue(rs.getString("tags"), new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("lead.tags is not a JSON list", e);
        }
        return new Lead(rs.getLong("id"), rs.getString("phone_e164"), rs.getString("whatsapp_jid"),
                rs.getString("whatsapp_lid"), rs.getString("name"), rs.getString("email"),
                (Long) rs.getObject("kommo_lead_id", Long.class), (Long) rs.getObject("kommo_contact_id", Long.class),
                (Long) rs.getObject("kommo_status_id", Long.class), LocalStage.valueOf(rs.getString("local_stage")),
                (Integer) rs.getObject("score", Integer.class), rs.getString("solution_type"), rs.getBigDecimal("bill_value"),
                (Long) rs.getObject("responsible_user_id", Long.class), tags, rs.getString("sync_state"),
                instant(rs, "opted_out_at"), instant(rs, "last_inbound_at"), instant(rs, "last_outbound_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
