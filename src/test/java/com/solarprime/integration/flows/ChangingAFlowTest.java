package com.solarprime.integration.flows;

import static com.solarprime.integration.support.WhatsAppFixtures.freshPhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.kommo.KommoClient;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import com.solarprime.integration.support.KommoFixtures;
import com.solarprime.integration.support.LeadProfiles;
import com.solarprime.integration.support.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The README's "Changing a flow": three changes an integrator makes by editing YAML only. The shipped
 * pipeline-automation route is copied into the integrator's folder (ROUTES_DIR) with the README's edits, and the
 * service runs the edited copy instead of the shipped one.
 */
@IntegrationTest
@TestPropertySource(properties = {"solarprime.routes.dir=" + ChangingAFlowTest.DIR,
        "solarprime.kommo.webhook-secret=flow-secret"})
class ChangingAFlowTest {

    static final String DIR = "target/changing-a-flow";
    /** A Wednesday, 10:00 in Recife. */
    static final Instant WEDNESDAY_10H = Instant.parse("2026-12-02T13:00:00Z");
    static final MutableClock clock = new MutableClock(WEDNESDAY_10H);

    /** Example 1: a note when a lead reaches Qualificado. */
    static final String QUALIFIED_NOTE = """
            - to:
                uri: kamelet:kommo-note
                parameters:
                  text: "Lead qualificado: agendar a reunião com {name}."
            """.indent(18);
    /** Example 3: a WhatsApp message to the lead when the deal is won (after the pending follow-ups are cancelled). */
    static final String WON_MESSAGE = """
            - to:
                uri: kamelet:schedule-follow-up
                parameters:
                  type: MESSAGE
                  due: now
                  text: "Parabéns pela decisão, {nome}! ☀️ Nossa equipe vai combinar a instalação com você."
            """.indent(18);

    static {
        writeEditedRoute();
    }

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        Clock testClock() {
            return clock;
        }
    }

    @Autowired
    KommoClient kommo;
    @Autowired
    AccountMap map;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    Http http;
    KommoFixtures fixtures;

    @BeforeEach
    void setUp() {
        clock.set(WEDNESDAY_10H);
        http = new Http(port);
        fixtures = new KommoFixtures(kommo, map, http);
        await().atMost(Duration.ofSeconds(30)).until(() -> map.missing().isEmpty());
    }

    @Test
    void aNoteWhenALeadReachesQualificado() {
        long lead = fixtures.personCreatedLead();

        moveTo(lead, "QUALIFIED");

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(fixtures.notes(lead))
                .contains("Lead qualificado: agendar a reunião com Lead de pessoa."));
    }

    @Test
    void theNegotiationTasksFallDueFourHoursLater() {
        long lead = fixtures.personCreatedLead();

        moveTo(lead, "IN_NEGOTIATION");

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(
                fixtures.tasks(lead).path("_embedded").path("tasks").findValues("complete_till"))
                .extracting(JsonNode::asLong).hasSize(2)
                .containsOnly(WEDNESDAY_10H.plus(Duration.ofHours(4)).getEpochSecond()));
    }

    @Test
    void aWhatsAppMessageWhenADealIsWon() {
        String phone = freshPhone();
        assertThat(http.post("/api/leads/qualification", "application/json",
                LeadProfiles.profile(phone, 3000, "usina_propria", "imediato", "value_assessment"),
                "X-Api-Key", Http.API_KEY).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(kommoLeadOf(phone)).isNotNull());

        moveTo(kommoLeadOf(phone), "WON");

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(jdbc.sql("""
                        SELECT m.text FROM message m JOIN lead l ON l.id = m.lead_id
                        WHERE l.phone_e164 = ? AND m.direction = 'out'""").param("+" + phone).query(String.class).list())
                .containsExactly("Parabéns pela decisão, Carla! ☀️ Nossa equipe vai combinar a instalação com você."));
    }

    private void moveTo(long lead, String stage) {
        assertThat(http.post("/webhooks/kommo/flow-secret", "application/x-www-form-urlencoded",
                fixtures.statusForm(lead, map.statusId(stage), map.statusId("NEW"), WEDNESDAY_10H.getEpochSecond()))
                .statusCode()).isEqualTo(200);
    }

    private Long kommoLeadOf(String phone) {
        return jdbc.sql("SELECT kommo_lead_id FROM lead WHERE phone_e164 = ?").param("+" + phone).query(Long.class).single();
    }

    /** The shipped route with the README's three edits, each checked to apply where the README says. */
    private static void writeEditedRoute() {
        try (InputStream shipped = ChangingAFlowTest.class.getResourceAsStream("/routes/pipeline-automation.camel.yaml")) {
            String route = new String(shipped.readAllBytes(), StandardCharsets.UTF_8);
            route = insertAfter(route, "- simple: \"${body.stage} == 'QUALIFIED'\"\n                steps:\n", QUALIFIED_NOTE);
            for (String task : List.of("negotiation-proposal-task", "negotiation-savings-task")) {
                route = replace(route, "template: " + task + "\n                        due: 1d",
                        "template: " + task + "\n                        due: 4h");
            }
            route = insertAfter(route, "reason: deal won\n", WON_MESSAGE);
            Files.createDirectories(Path.of(DIR));
            Files.writeString(Path.of(DIR, "pipeline-automation.camel.yaml"), route);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String insertAfter(String text, String anchor, String insertion) {
        return replace(text, anchor, anchor + insertion);
    }

    private static String replace(String text, String anchor, String replacement) {
        if (text.indexOf(anchor) < 0 || text.indexOf(anchor) != text.lastIndexOf(anchor)) {
            throw new IllegalStateException("the shipped route no longer has exactly one '" + anchor.strip() + "'");
        }
        return text.replace(anchor, replacement);
    }
}
