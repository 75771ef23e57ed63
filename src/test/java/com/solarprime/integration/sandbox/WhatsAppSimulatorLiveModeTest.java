package com.solarprime.integration.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Live mode has no simulator: a real Kommo account must not get leads typed by hand. The configuration is
 * {@code ops.HealthProbesTest}'s, so both share one context.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "solarprime.kommo.mode=live",
        "solarprime.kommo.subdomain=solarprime",
        // Nothing may call Kommo here: without a token no call leaves, and this address answers nobody.
        "solarprime.kommo.base-url=http://127.0.0.1:9/sandbox/kommo",
        "solarprime.kommo.client-id=live-client",
        "solarprime.kommo.client-secret=live-secret"})
class WhatsAppSimulatorLiveModeTest {

    @LocalServerPort
    int port;

    @Test
    void theSimulatorIsNotThere() {
        Http http = new Http(port);

        assertThat(http.get("/sandbox/whatsapp", "Authorization", Http.ADMIN_AUTH).statusCode()).isEqualTo(404);
        assertThat(http.get("/sandbox/whatsapp/conversations/5581999990001", "Authorization", Http.ADMIN_AUTH)
                .statusCode()).isEqualTo(404);
        assertThat(http.post("/sandbox/whatsapp/messages", "application/json",
                "{\"phone\":\"5581999990001\",\"text\":\"Oi\"}", Http.ADMIN_HEADERS).statusCode()).isEqualTo(404);
    }
}
