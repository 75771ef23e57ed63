package com.solarprime.integration.sandbox;

import static com.solarprime.integration.support.WhatsAppFixtures.evolutionText;
import static com.solarprime.integration.support.WhatsAppFixtures.freshId;
import static com.solarprime.integration.support.WhatsAppFixtures.freshPhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import com.solarprime.integration.support.WhatsAppFixtures;
import com.solarprime.integration.whatsapp.WhatsAppProperties;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The default run, whose Evolution webhook secret nobody set (the same context as {@link GeneratedSandboxSecretTest}):
 * the simulator's deliveries are accepted with the secret generated for the run, and nobody else's are.
 */
@IntegrationTest
@TestPropertySource(properties = {"solarprime.sandbox.client-secret=", "solarprime.whatsapp.evolution.webhook-secret="})
class GeneratedEvolutionSecretTest {

    static final String WEBHOOK = "/webhooks/whatsapp/evolution";

    @LocalServerPort
    int port;
    @Autowired
    WhatsAppProperties whatsapp;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theSimulatorsDeliveriesAreAcceptedWithTheGeneratedSecret() throws Exception {
        assertThat(whatsapp.evolution().webhookSecret()).hasSizeGreaterThanOrEqualTo(32)
                .isNotEqualTo(WhatsAppFixtures.EVOLUTION_SECRET);
        assertThat(whatsapp.provider()).isEqualTo("log");
        String phone = freshPhone();

        HttpResponse<String> sent = new Http(port).post("/sandbox/whatsapp/messages", "application/json",
                "{\"phone\":\"" + phone + "\",\"name\":\"Gil\",\"text\":\"Oi\"}", Http.ADMIN_HEADERS);

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        JsonNode answer = SandboxApi.JSON.readTree(sent.body());
        assertThat(answer.path("webhook_answer").path("status").asText()).isEqualTo("accepted");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT count(*) FROM lead WHERE phone_e164 = ?").param("+" + phone).query(Long.class).single()).isOne());
    }

    @Test
    void aDeliveryWithoutTheGeneratedSecretIsRefused() {
        Http http = new Http(port);
        String body = evolutionText(freshPhone(), freshId(), "Oi", false);

        HttpResponse<String> none = http.post(WEBHOOK, "application/json", body);
        HttpResponse<String> wrong = http.post(WEBHOOK, "application/json", body,
                "X-Webhook-Secret", WhatsAppFixtures.EVOLUTION_SECRET);
        HttpResponse<String> empty = http.post(WEBHOOK, "application/json", body, "X-Webhook-Secret", "");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(empty.statusCode()).isEqualTo(401);
        assertThat(none.body() + wrong.body()).doesNotContain(whatsapp.evolution().webhookSecret());
    }
}
