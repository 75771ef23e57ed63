package com.solarprime.integration.sandbox;

import static com.solarprime.integration.support.WhatsAppFixtures.freshPhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import com.solarprime.integration.support.WhatsAppFixtures;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The WhatsApp simulator's endpoints over real HTTP: a typed message is a real Evolution delivery, the service's
 * answers come back in the conversation, the qualification form goes through the real API, and none of the
 * secrets behind them reaches the page.
 */
@IntegrationTest
class WhatsAppSimulatorTest {

    static final String BASE = "/sandbox/whatsapp";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void aTypedMessageIsAnEvolutionDeliveryThatMakesALeadAndItsConversation() throws Exception {
        String phone = freshPhone();

        JsonNode sent = ok(send(phone, "Carla Mendes", "Oi, quero economizar na conta de luz"));

        assertThat(sent.path("webhook_status").asInt()).isEqualTo(200);
        assertThat(sent.path("webhook_answer").path("status").asText()).isEqualTo("accepted");
        String id = sent.path("id").asText();
        assertThat(id).matches("3EB0[0-9A-F]{16}");
        assertThat(jdbc.sql("SELECT source FROM inbox WHERE dedupe_key = ?").param(id).query(String.class).single())
                .as("stored by the Evolution webhook").isEqualTo("evolution");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode conversation = ok(http.get(BASE + "/conversations/" + phone, Http.ADMIN_HEADERS));
            assertThat(conversation.path("lead").asBoolean()).isTrue();
            assertThat(conversation.path("messages")).anySatisfy(m -> {
                assertThat(m.path("id").asText()).isEqualTo(id);
                assertThat(m.path("from").asText()).isEqualTo("lead");
                assertThat(m.path("text").asText()).isEqualTo("Oi, quero economizar na conta de luz");
            });
        });
        assertThat(jdbc.sql("SELECT name FROM lead WHERE phone_e164 = ?").param("+" + phone).query(String.class).single())
                .as("the profile name travelled as Evolution's pushName").isEqualTo("Carla Mendes");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode card = ok(http.get(BASE + "/leads/" + phone, Http.ADMIN_HEADERS)).path("card");
            assertThat(card.path("name").asText()).isEqualTo("Carla Mendes - WhatsApp");
            assertThat(card.path("pipeline").asText()).isEqualTo("SolarPrime");
        });
    }

    @Test
    void anOptOutIsConfirmedInTheChatByWhatTheLogProviderSent() throws Exception {
        String phone = freshPhone();
        ok(send(phone, "Davi", "Oi"));
        ok(send(phone, "Davi", "PARAR"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode messages = ok(http.get(BASE + "/conversations/" + phone, Http.ADMIN_HEADERS)).path("messages");
            assertThat(messages).anySatisfy(m -> {
                assertThat(m.path("from").asText()).isEqualTo("us");
                assertThat(m.path("text").asText()).contains("não receberá mais mensagens automáticas");
            });
            assertThat(messages.get(messages.size() - 1).path("from").asText())
                    .as("merged by time: the confirmation after the lead's PARAR").isEqualTo("us");
        });
        JsonNode lead = ok(http.get(BASE + "/leads/" + phone, Http.ADMIN_HEADERS)).path("lead");
        assertThat(lead.path("optedOut").asBoolean()).isTrue();
    }

    @Test
    void theTeamsAlertsAboutTheLeadAreInTheChatWithTheirDestinationsMasked() throws Exception {
        String phone = freshPhone();
        String salesperson = "5581988887777";
        ok(send(phone, "Fábio", "Oi"));
        long leadId = await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT id FROM lead WHERE phone_e164 = ?").param("+" + phone).query(Long.class).optional(),
                Optional::isPresent).orElseThrow();
        for (String destination : List.of(salesperson, "120363000000000001@g.us")) {
            jdbc.sql("""
                            INSERT INTO notification (dedupe_key, destination, text, lead_id, status, sent_at)
                            VALUES (?, ?, 'Lead quente: Fábio', ?, 'sent', now())""")
                    .param("simulator-test:" + destination + ":" + leadId).param(destination).param(leadId).update();
        }

        HttpResponse<String> answer = http.get(BASE + "/conversations/" + phone, Http.ADMIN_HEADERS);

        List<JsonNode> alerts = new ArrayList<>();
        JSON.readTree(answer.body()).path("messages").forEach(m -> {
            if ("team".equals(m.path("from").asText())) {
                alerts.add(m);
            }
        });
        assertThat(alerts).hasSize(2).allSatisfy(m -> assertThat(m.path("text").asText()).isEqualTo("Lead quente: Fábio"));
        assertThat(alerts).extracting(m -> m.path("to").asText()).contains("sales group")
                .noneMatch(to -> to.contains("88887777"));
        assertThat(answer.body()).doesNotContain(salesperson, "120363000000000001");
    }

    @Test
    void theQualificationFormGoesThroughTheApiAndItsRefusalsComeBackAsTheyAre() throws Exception {
        String phone = freshPhone();
        ok(send(phone, "Bruno", "Oi"));

        JsonNode qualified = ok(http.post(BASE + "/qualification", "application/json", """
                {"phone":"%s","name":"Bruno Teixeira","energy_bill_value":5200,"solution_interest":"desconto",
                 "timeline":"imediato","qualification_stage":"competitor_analysis","competitor":"",
                 "api_key":"ignored"}""".formatted(phone), Http.ADMIN_HEADERS));
        assertThat(qualified.path("stage").asText()).isEqualTo("QUALIFIED");
        assertThat(qualified.path("score").asInt()).isPositive();
        assertThat(qualified.path("tags").toString()).contains("Alto Valor");

        HttpResponse<String> refused = http.post(BASE + "/qualification", "application/json",
                "{\"phone\":\"" + phone + "\",\"energy_bill_value\":-1,\"timeline\":\"ontem\"}", Http.ADMIN_HEADERS);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).path("details").findValuesAsText("field"))
                .containsExactlyInAnyOrder("energy_bill_value", "timeline");
    }

    @Test
    void aNumberThatIsNotABrazilianMobileIs400WithTheReasonAndSendsNothing() throws Exception {
        long inbox = jdbc.sql("SELECT count(*) FROM inbox").query(Long.class).single();
        for (String phone : List.of("12345", "558133334444", "+14155550123", "abc")) {
            HttpResponse<String> refused = send(phone, "X", "Oi");
            assertThat(refused.statusCode()).as(phone).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).path("reason").asText()).as(phone).startsWith("phone");
            assertThat(http.get(BASE + "/conversations/" + phone, Http.ADMIN_HEADERS).statusCode()).as(phone).isEqualTo(400);
        }
        assertThat(send(freshPhone(), "X", " ").statusCode()).as("no text").isEqualTo(400);
        assertThat(http.post(BASE + "/messages", "application/json", "[1]", Http.ADMIN_HEADERS).statusCode())
                .as("not an object").isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM inbox").query(Long.class).single()).isEqualTo(inbox);
    }

    @Test
    void onlyTheAdminUsesItAndNeverFromAnotherSite() {
        assertThat(http.get(BASE).statusCode()).isEqualTo(401);
        assertThat(http.get(BASE + "/conversations/" + freshPhone()).statusCode()).isEqualTo(401);
        String body = "{\"phone\":\"" + freshPhone() + "\",\"text\":\"Oi\"}";
        assertThat(http.post(BASE + "/messages", "application/json", body, "Authorization", Http.ADMIN_AUTH).statusCode())
                .as("no X-Requested-By, no Origin").isEqualTo(403);
        assertThat(http.post(BASE + "/messages", "application/json", body, "Authorization", Http.ADMIN_AUTH,
                "Origin", "https://evil.example").statusCode()).as("another site").isEqualTo(403);
        assertThat(http.post(BASE + "/messages", "text/plain", body, Http.ADMIN_HEADERS).statusCode())
                .as("what an HTML form can send").isEqualTo(415);
    }

    @Test
    void neitherThePageNorItsJsonCarriesASecretOrAnotherNumber() throws Exception {
        String phone = freshPhone();
        String other = freshPhone();
        ok(send(other, "Outra Pessoa", "Oi"));
        ok(send(phone, "Elisa", "Oi"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(ok(http.get(BASE + "/leads/" + phone, Http.ADMIN_HEADERS)).path("card").isObject()).isTrue());

        HttpResponse<String> page = http.get(BASE, Http.ADMIN_HEADERS);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("/webjars/bootstrap/css/bootstrap.min.css", "/sandbox/kommo/ui");
        List<String> answers = List.of(page.body(),
                http.get(BASE + "/conversations/" + phone, Http.ADMIN_HEADERS).body(),
                http.get(BASE + "/leads/" + phone, Http.ADMIN_HEADERS).body(),
                send(phone, "Elisa", "Tudo bem?").body(),
                http.post(BASE + "/qualification", "application/json", "{\"phone\":\"" + phone + "\"}",
                        Http.ADMIN_HEADERS).body());
        for (String answer : answers) {
            assertThat(answer).doesNotContain(WhatsAppFixtures.EVOLUTION_SECRET, Http.API_KEY, "admin-secret",
                    "test-sandbox-token", "test-sandbox-secret", other);
        }
        assertThat(http.get("/webjars/bootstrap/css/bootstrap.min.css").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(String phone, String name, String text) {
        return http.post(BASE + "/messages", "application/json",
                JSON.createObjectNode().put("phone", phone).put("name", name).put("text", text).toString(),
                Http.ADMIN_HEADERS);
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
