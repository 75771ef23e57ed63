package com.solarprime.integration.routes;

import static com.solarprime.integration.support.WhatsAppFixtures.freshPhone;
import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.LeadProfiles;
import com.solarprime.integration.support.RouteTest;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** routes/kommo-sync.camel.yaml: a qualified lead reaches Kommo from the outbox, with its contact. */
@RouteTest
class KommoSyncRouteTest {

    @Autowired
    CamelContext camel;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    @Test
    void aQualifiedLeadIsCreatedInKommoByASyncPoll() {
        String phone = freshPhone();
        NotifyBuilder synced = new NotifyBuilder(camel).fromRoute("kommo-sync")
                .whenAnyDoneMatches(exchange -> kommoLeadOf(phone) != null).create();

        assertThat(new Http(port).post("/api/leads/qualification", "application/json",
                LeadProfiles.profile(phone, 2500, "usina_parceira", "30_dias", "identifying"),
                "X-Api-Key", Http.API_KEY).statusCode()).isEqualTo(200);

        assertThat(synced.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(jdbc.sql("SELECT sync_state FROM lead WHERE phone_e164 = ?").param("+" + phone).query(String.class).single())
                .isEqualTo("synced");
    }

    private Long kommoLeadOf(String phone) {
        return jdbc.sql("SELECT kommo_lead_id FROM lead WHERE phone_e164 = ?").param("+" + phone).query(Long.class)
                .optional().orElse(null);
    }
}
