package com.solarprime.integration.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.solarprime.integration.support.IntegrationTest;
import com.solarprime.integration.support.StubServer;
import com.solarprime.integration.support.StubServer.Reply;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 11, defect 9: with the Meta provider, an alert goes out as the approved template; what Meta cannot deliver
 * (a group, a refused number) becomes a Kommo task for the salesperson, and the alert says so.
 */
@IntegrationTest
class SalesAlertsMetaTest {

    static final StubServer meta = start();

    @DynamicPropertySource
    static void metaProvider(DynamicPropertyRegistry registry) {
        registry.add("solarprime.whatsapp.provider", () -> "meta");
        registry.add("solarprime.whatsapp.meta.graph-base-url", meta::url);
        registry.add("solarprime.whatsapp.meta.phone-number-id", () -> "PNID");
        registry.add("solarprime.whatsapp.meta.access-token", () -> "meta-token");
    }

    @AfterAll
    static void stop() {
        meta.close();
    }

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void reset() {
        meta.reset();
    }

    @Test
    void anAlertToANumberGoesOutAsTheApprovedTemplate() {
        meta.on("POST /PNID/messages", r -> Reply.json(200, "{\"messages\":[{\"id\":\"wamid.alert\"}]}"));

        long alert = alert("5581999990001");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(state(alert)).isEqualTo("sent"));
        assertThat(meta.received()).singleElement().satisfies(request -> assertThat(request.body())
                .contains("\"type\":\"template\"", "solarprime_sales_alert", "Lead quente · Ana · Score 90/100"));
    }

    @Test
    void anAlertToAGroupBecomesAKommoTaskForTheSalesperson() {
        long alert = alert("120363000000000000@g.us");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(state(alert))
                .isEqualTo("fallback: sent as a Kommo task instead: Meta sends no message to a group"));
        assertThat(meta.received()).isEmpty();
        assertThat(jdbc.sql("SELECT payload ->> 'text' || ' / ' || (payload ->> 'responsible_user_id') FROM kommo_outbox "
                + "WHERE dedupe_key = ?").param("alert-task:" + alert).query(String.class).single())
                .isEqualTo("Lead quente\nAna · Score 90/100 / 8123456");
    }

    @Test
    void anAlertMetaRefusesBecomesAKommoTask() {
        meta.on("POST /PNID/messages", r -> Reply.json(400,
                "{\"error\":{\"message\":\"Re-engagement message\",\"code\":131047}}"));

        long alert = alert("5581999990002");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(state(alert))
                .startsWith("fallback: sent as a Kommo task instead: WhatsApp refused it"));
        assertThat(jdbc.sql("SELECT count(*) FROM kommo_outbox WHERE dedupe_key = ?").param("alert-task:" + alert)
                .query(Long.class).single()).isEqualTo(1);
    }

    private long alert(String destination) {
        return jdbc.sql("""
                        INSERT INTO notification (dedupe_key, destination, text, kommo_lead_id, user_id)
                        VALUES (?, ?, 'Lead quente' || chr(10) || 'Ana · Score 90/100', 987654, 8123456) RETURNING id""")
                .param("alert:" + UUID.randomUUID()).param(destination).query(Long.class).single();
    }

    private String state(long alert) {
        return jdbc.sql("SELECT status || coalesce(': ' || last_error, '') FROM notification WHERE id = ?").param(alert)
                .query(String.class).single();
    }

    private static StubServer start() {
        try {
            return new StubServer();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
