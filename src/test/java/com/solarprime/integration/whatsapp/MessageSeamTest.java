package com.solarprime.integration.whatsapp;

import static com.solarprime.integration.support.WhatsAppFixtures.EVOLUTION_SECRET;
import static com.solarprime.integration.support.WhatsAppFixtures.evolutionText;
import static com.solarprime.integration.support.WhatsAppFixtures.freshId;
import static com.solarprime.integration.support.WhatsAppFixtures.freshPhone;
import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The seam between a stored message and what it causes: everything commits together or not at all, and the retry
 * redoes all of it. The failure is forced between the message being stored and its Kommo lead being queued, as a
 * crash there would.
 */
@CamelSpringBootTest
@IntegrationTest
// Its own context (the advice stays in it): a retry after one second.
@TestPropertySource(properties = "solarprime.work.queues.inbox.retry-backoff=1s")
class MessageSeamTest {

    @Autowired
    CamelContext camel;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    @Test
    void aFailureAfterTheMessageIsStoredRollsAllOfItBackAndTheRetryRedoesAllOfIt() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AdviceWith.adviceWith(camel, "whatsapp-message", route -> route.weaveById("kommo-lead").before().process(exchange -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("crash between the stored message and its Kommo lead");
            }
        }));
        AdviceWith.adviceWith(camel, "inbox-worker", route -> route.weaveById("inbox-failed").after().to("mock:inbox-failed"));
        // After the processing's transaction has committed.
        AdviceWith.adviceWith(camel, "inbox-worker",
                route -> route.weaveByToUri("direct:inbox-process").after().to("mock:inbox-processed"));
        MockEndpoint failed = camel.getEndpoint("mock:inbox-failed", MockEndpoint.class);
        MockEndpoint processed = camel.getEndpoint("mock:inbox-processed", MockEndpoint.class);
        failed.expectedMessageCount(1);
        processed.expectedMessageCount(1);

        String phone = freshPhone();
        String messageId = freshId();
        // Our own message: it (re)starts the "no reply" cadence, so it causes follow-ups as well as the Kommo lead.
        assertThat(new Http(port).post("/webhooks/whatsapp/evolution", "application/json",
                evolutionText(phone, messageId, "Olá! Posso ajudar com sua conta de luz?", true),
                "X-Webhook-Secret", EVOLUTION_SECRET).statusCode()).isEqualTo(200);

        failed.assertIsSatisfied(TimeUnit.SECONDS.toMillis(20));
        assertThat(count("SELECT count(*) FROM lead WHERE phone_e164 = ?", "+" + phone)).as("lead rolled back").isZero();
        assertThat(count("SELECT count(*) FROM message WHERE provider_message_id = ?", messageId)).as("message rolled back").isZero();
        assertThat(jdbc.sql("SELECT status || ' ' || attempts || ' ' || last_error FROM inbox WHERE payload LIKE '%' || ? || '%'")
                .param(messageId).query(String.class).single()).startsWith("pending 1 IllegalStateException: crash");

        processed.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));
        long lead = jdbc.sql("SELECT id FROM lead WHERE phone_e164 = ?").param("+" + phone).query(Long.class).single();
        assertThat(count("SELECT count(*) FROM message WHERE provider_message_id = ?", messageId)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT type FROM follow_up WHERE lead_id = ? AND status = 'pending' ORDER BY due_at")
                .param(lead).query(String.class).list()).containsExactly("IMMEDIATE", "DAILY");
        assertThat(count("SELECT count(*) FROM kommo_outbox WHERE lead_id = ? AND kind = 'lead_create'", lead)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT status FROM inbox WHERE payload LIKE '%' || ? || '%'").param(messageId).query(String.class).single())
                .isEqualTo("done");
    }

    private long count(String sql, Object param) {
        return jdbc.sql(sql).param(param).query(Long.class).single();
    }
}
