package com.solarprime.integration.whatsapp;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code message} table: every message of every conversation, each stored once. */
@Component
public class Messages {

    private final JdbcClient jdbc;

    public Messages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True when the message is new; a provider retry of the same message changes nothing. */
    public boolean store(long leadId, String provider, String providerMessageId, String direction, String type,
                         String text, Instant sentAt) {
        return jdbc.sql("""
                        INSERT INTO message (lead_id, provider, provider_message_id, direction, message_type, text, sent_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (provider_message_id) DO NOTHING""")
                .params(leadId, provider, providerMessageId, direction, type, text, Timestamp.from(sentAt))
                .update() > 0;
    }
}
