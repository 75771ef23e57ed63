package com.solarprime.integration.console;

import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.support.WhatsAppFixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A lead with a history, as the service's flows leave it in the database: messages both ways, a stage change with
 * the follow-up its automation scheduled, a pending follow-up, a meeting, a change Kommo has not seen yet.
 */
final class ConsoleData {

    /** @param phone the lead's full number (digits, with the country code) */
    record Lead(long id, String name, String phone, long kommoLeadId, long followUp, long automationFollowUp) {
    }

    private final JdbcClient jdbc;
    private final AccountMap map;

    ConsoleData(JdbcClient jdbc, AccountMap map) {
        this.jdbc = jdbc;
        this.map = map;
    }

    Lead lead(String name) {
        String phone = WhatsAppFixtures.freshPhone();
        long kommoLeadId = 90_000_000L + Math.abs(System.nanoTime() % 9_000_000L);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long lead = jdbc.sql("""
                        INSERT INTO lead (phone_e164, name, kommo_lead_id, local_stage, sync_state, sync_version,
                            synced_version, created_at)
                        VALUES (?, ?, ?, 'QUALIFIED', 'pending', 3, 2, ?) RETURNING id""")
                .param("+" + phone).param(name).param(kommoLeadId).param(java.sql.Timestamp.from(now.minus(Duration.ofHours(3))))
                .query(Long.class).single();
        message(lead, "in", "Oi, quero energia solar", now.minus(Duration.ofHours(2)));
        message(lead, "out", "Olá! Qual o valor da sua conta de luz?", now.minus(Duration.ofMinutes(119)));
        long change = jdbc.sql("""
                        INSERT INTO stage_history (lead_id, kommo_lead_id, pipeline_id, from_status_id, to_status_id,
                            changed_at, source, dedupe_key, status, processed_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'webhook', ?, 'done', now()) RETURNING id""")
                .param(lead).param(kommoLeadId).param(map.pipelineId()).param(map.statusId("NEW"))
                .param(map.statusId("QUALIFIED")).param(java.sql.Timestamp.from(now.minus(Duration.ofMinutes(90))))
                .param("console-test:" + kommoLeadId)
                .query(Long.class).single();
        long automationFollowUp = followUp(lead, "PROPOSAL", now.plus(Duration.ofDays(2)), "auto:" + change + ":follow-up",
                "Conseguiu ver a proposta?");
        long followUp = followUp(lead, "CUSTOM", now.plus(Duration.ofDays(1)), null, "Lembrete da visita técnica");
        jdbc.sql("""
                        INSERT INTO meeting (lead_id, kommo_lead_id, salesperson_id, start_at, end_at, source)
                        VALUES (?, ?, ?, ?, ?, 'api')""")
                .param(lead).param(kommoLeadId).param(8_000_000L + lead)
                .param(java.sql.Timestamp.from(now.plus(Duration.ofDays(3))))
                .param(java.sql.Timestamp.from(now.plus(Duration.ofDays(3)).plus(Duration.ofHours(1))))
                .update();
        return new Lead(lead, name, phone, kommoLeadId, followUp, automationFollowUp);
    }

    private void message(long lead, String direction, String text, Instant at) {
        jdbc.sql("""
                        INSERT INTO message (lead_id, provider, provider_message_id, direction, text, sent_at)
                        VALUES (?, 'log', ?, ?, ?, ?)""")
                .param(lead).param(WhatsAppFixtures.freshId()).param(direction).param(text)
                .param(java.sql.Timestamp.from(at)).update();
    }

    long followUp(long lead, String type, Instant due, String dedupeKey, String text) {
        return jdbc.sql("""
                        INSERT INTO follow_up (lead_id, type, due_at, dedupe_key, text) VALUES (?, ?, ?, ?, ?) RETURNING id""")
                .param(lead).param(type).param(java.sql.Timestamp.from(due)).param(dedupeKey).param(text)
                .query(Long.class).single();
    }
}
