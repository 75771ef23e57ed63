package com.solarprime.integration.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.solarprime.integration.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class SchemaTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void flywayCreatesEveryTableOfTheArchitecture() {
        assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success").query(Integer.class).single())
                .isGreaterThanOrEqualTo(2);
        var tables = jdbc.sql("SELECT lower(table_name) FROM information_schema.tables WHERE table_schema = 'public'")
                .query(String.class).set();
        assertThat(tables).contains("kommo_token", "kommo_account_map", "lead", "message", "inbox", "kommo_outbox",
                "follow_up", "stage_history", "dead_letter", "camel_messageprocessed", "qrtz_job_details",
                "qrtz_triggers", "qrtz_locks", "qrtz_fired_triggers", "qrtz_scheduler_state");
    }

    @Test
    void embeddedServerCommitsDurably() {
        assertThat(jdbc.sql("SHOW fsync").query(String.class).single()).isEqualTo("on");
        assertThat(jdbc.sql("SHOW synchronous_commit").query(String.class).single()).isEqualTo("on");
    }

    @Test
    void uniqueKeysRejectDuplicates() {
        long lead = insertLead("+5581999990001");
        assertRejected(() -> insertLead("+5581999990001"));

        jdbc.sql("UPDATE lead SET kommo_lead_id = 42 WHERE id = ?").param(lead).update();
        long other = insertLead("+5581999990002");
        assertRejected(() -> jdbc.sql("UPDATE lead SET kommo_lead_id = 42 WHERE id = ?").param(other).update());

        String message = "INSERT INTO message (lead_id, provider, provider_message_id, direction, sent_at) "
                + "VALUES (?, 'evolution', 'MSG-1', 'in', now())";
        jdbc.sql(message).param(lead).update();
        assertRejected(() -> jdbc.sql(message).param(lead).update());

        String inbox = "INSERT INTO inbox (source, dedupe_key, payload) VALUES ('kommo', 'delivery-1', '{}')";
        jdbc.sql(inbox).update();
        assertRejected(() -> jdbc.sql(inbox).update());

        String outbox = "INSERT INTO kommo_outbox (kind, dedupe_key, payload) VALUES ('note', 'note-1', '{}')";
        jdbc.sql(outbox).update();
        assertRejected(() -> jdbc.sql(outbox).update());

        String followUp = "INSERT INTO follow_up (lead_id, type, due_at, dedupe_key) VALUES (?, 'DAILY', now(), 'f-1')";
        jdbc.sql(followUp).param(lead).update();
        assertRejected(() -> jdbc.sql(followUp).param(lead).update());

        String stage = "INSERT INTO stage_history (kommo_lead_id, to_status_id, changed_at, source, dedupe_key) "
                + "VALUES (7, 142, now(), 'webhook', 'change-1')";
        jdbc.sql(stage).update();
        assertRejected(() -> jdbc.sql(stage).update());

        String processed = "INSERT INTO camel_messageprocessed (processorName, messageId) VALUES ('p', 'm')";
        jdbc.sql(processed).update();
        assertRejected(() -> jdbc.sql(processed).update());

        // The service connected itself to the sandbox at start-up: its row is the one row allowed.
        assertThat(jdbc.sql("SELECT count(*) FROM kommo_token").query(Integer.class).single()).isEqualTo(1);
        assertRejected(() -> jdbc.sql("INSERT INTO kommo_token (kind, access_token_enc) VALUES ('oauth', 'x')").update());
        assertRejected(() -> jdbc.sql("INSERT INTO kommo_token (id, kind, access_token_enc) VALUES (2, 'oauth', 'x')")
                .update());
    }

    @Test
    void checkConstraintsRejectUnknownStatuses() {
        long lead = insertLead("+5581999990003");
        assertRejected(() -> jdbc.sql("INSERT INTO inbox (source, dedupe_key, payload, status) "
                + "VALUES ('kommo', 'x-1', '{}', 'bogus')").update());
        assertRejected(() -> jdbc.sql("INSERT INTO inbox (source, dedupe_key, payload) "
                + "VALUES ('telegram', 'x-2', '{}')").update());
        assertRejected(() -> jdbc.sql("INSERT INTO kommo_outbox (kind, payload, status) "
                + "VALUES ('note', '{}', 'bogus')").update());
        assertRejected(() -> jdbc.sql("INSERT INTO follow_up (lead_id, type, due_at, status) "
                + "VALUES (?, 'DAILY', now(), 'bogus')").param(lead).update());
        assertRejected(() -> jdbc.sql("INSERT INTO follow_up (lead_id, type, due_at) "
                + "VALUES (?, 'WEEKLY', now())").param(lead).update());
        assertRejected(() -> jdbc.sql("INSERT INTO message (lead_id, provider, provider_message_id, direction, sent_at) "
                + "VALUES (?, 'evolution', 'MSG-9', 'sideways', now())").param(lead).update());
        assertRejected(() -> jdbc.sql("UPDATE lead SET local_stage = 'BOGUS' WHERE id = ?").param(lead).update());
        assertRejected(() -> jdbc.sql("UPDATE lead SET score = 101 WHERE id = ?").param(lead).update());
        assertRejected(() -> jdbc.sql("INSERT INTO stage_history (kommo_lead_id, to_status_id, changed_at, source, "
                + "dedupe_key) VALUES (7, 142, now(), 'guess', 'change-9')").update());
        assertRejected(() -> jdbc.sql("INSERT INTO kommo_account_map (kind, key, kommo_id) VALUES ('bogus', 'k', 1)")
                .update());
    }

    private long insertLead(String phone) {
        return jdbc.sql("INSERT INTO lead (phone_e164) VALUES (?) RETURNING id").param(phone).query(Long.class).single();
    }

    private static void assertRejected(Runnable statement) {
        assertThatThrownBy(statement::run).isInstanceOf(DataIntegrityViolationException.class);
    }
}
