package com.solarprime.integration.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.kommo.KommoTokenStore;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** The default run, whose sandbox secret nobody set: generated, not the public one, and the service still connects. */
@IntegrationTest
@TestPropertySource(properties = {"solarprime.sandbox.client-secret=", "solarprime.whatsapp.evolution.webhook-secret="})
class GeneratedSandboxSecretTest {

    @LocalServerPort
    int port;
    @Autowired
    SandboxProperties sandbox;
    @Autowired
    KommoTokenStore tokens;

    @Test
    void theServiceConnectsItselfWithTheGeneratedSecret() throws Exception {
        assertThat(sandbox.clientSecret()).hasSizeGreaterThanOrEqualTo(32)
                .isNotIn("sandbox-secret", OAuthFlow.CLIENT_SECRET);
        assertThat(tokens.stored()).as("connected at start-up through the OAuth flow").isPresent();
        JsonNode status = SandboxApi.JSON.readTree(new Http(port).get("/auth/status", "Authorization", Http.ADMIN_AUTH).body());
        assertThat(status.path("authenticated").asBoolean()).isTrue();
    }

    @Test
    void theTokenEndpointRefusesThePublicSecretAndTakesTheGeneratedOne() {
        Http http = new Http(port);

        HttpResponse<String> publicSecret = exchange(http, "sandbox-secret");
        HttpResponse<String> generated = exchange(http, sandbox.clientSecret());

        assertThat(publicSecret.statusCode()).isEqualTo(401);
        assertThat(SandboxApi.json(publicSecret).get("hint").asText()).isEqualTo("Client authentication failed");
        assertThat(SandboxApi.ok(generated).get("access_token").asText()).isNotBlank();
    }

    private static HttpResponse<String> exchange(Http http, String secret) {
        return OAuthFlow.token(http, "{\"client_id\":\"" + OAuthFlow.CLIENT_ID + "\",\"client_secret\":\"" + secret
                + "\",\"grant_type\":\"authorization_code\",\"code\":\"" + OAuthFlow.code(http) + "\",\"redirect_uri\":\""
                + OAuthFlow.REDIRECT + "\"}");
    }
}
