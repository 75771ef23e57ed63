package com.solarprime.integration.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Kommo's OAuth behaviour: code flow, single-use codes, rotating refresh tokens, revoked reuse, API 401s. */
@IntegrationTest
class SandboxOAuthTest {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void authorizationAutoApprovesAndRedirectsWithCodeStateRefererAndClientId() {
        HttpResponse<String> redirect = OAuthFlow.authorize(http, "state-123");

        assertThat(redirect.statusCode()).isEqualTo(302);
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        assertThat(location.getHost()).isEqualTo("localhost");
        assertThat(location.getPath()).isEqualTo("/kommo/callback");
        Map<String, String> params = OAuthFlow.query(location);
        assertThat(params.get("code")).startsWith("def50200").hasSizeGreaterThan(40);
        assertThat(params).containsEntry("state", "state-123")
                .containsEntry("referer", "solarprime.kommo.com")
                .containsEntry("client_id", "sandbox");
    }

    @Test
    void authorizationOfAnUnknownIntegrationIsRefused() {
        HttpResponse<String> response = http.get(SandboxApi.ROOT + "/oauth?client_id=nope&state=x&redirect_uri="
                + SandboxApi.encode(OAuthFlow.REDIRECT));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void refusedAuthorizationRedirectsWithAccessDenied() {
        http.post(SandboxApi.ROOT + "/_admin/oauth/deny-next", "application/json", "{}", Http.ADMIN_HEADERS);

        HttpResponse<String> redirect = OAuthFlow.authorize(http, "st");

        Map<String, String> params = OAuthFlow.query(URI.create(redirect.headers().firstValue("Location").orElseThrow()));
        assertThat(params).containsEntry("error", "access_denied").containsEntry("state", "st").doesNotContainKey("code");
    }

    @Test
    void codeExchangeReturnsABearerPairWhoseAccessTokenCallsTheApi() throws Exception {
        JsonNode tokens = SandboxApi.ok(OAuthFlow.exchange(http, OAuthFlow.code(http)));

        assertThat(tokens.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.get("expires_in").asLong()).isEqualTo(86400);
        assertThat(tokens.get("server_time").asLong()).isCloseTo(Instant.now().getEpochSecond(), offset(5L));
        String access = tokens.get("access_token").asText();
        assertThat(access.split("\\.")).hasSize(3);
        JsonNode claims = SandboxApi.JSON.readTree(new String(Base64.getUrlDecoder().decode(access.split("\\.")[1]),
                StandardCharsets.UTF_8));
        assertThat(claims.get("exp").asLong()).isEqualTo(tokens.get("server_time").asLong() + 86400);
        assertThat(tokens.get("refresh_token").asText()).isNotBlank().isNotEqualTo(access);

        JsonNode account = SandboxApi.ok(SandboxApi.withToken(http, access).get("account"));
        assertThat(account.get("subdomain").asText()).isEqualTo("solarprime");
    }

    @Test
    void anAuthorizationCodeWorksOnlyOnce() {
        String code = OAuthFlow.code(http);
        SandboxApi.ok(OAuthFlow.exchange(http, code));

        HttpResponse<String> again = OAuthFlow.exchange(http, code);

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(SandboxApi.json(again).get("hint").asText()).isEqualTo("Authorization code has been revoked");
    }

    @Test
    void theTokenEndpointAlsoAcceptsAFormPost() {
        String form = "client_id=" + OAuthFlow.CLIENT_ID + "&client_secret=" + OAuthFlow.CLIENT_SECRET
                + "&grant_type=authorization_code&code="
                + OAuthFlow.code(http) + "&redirect_uri=" + SandboxApi.encode(OAuthFlow.REDIRECT);

        HttpResponse<String> response = http.post(SandboxApi.ROOT + "/oauth2/access_token",
                "application/x-www-form-urlencoded", form);

        assertThat(SandboxApi.ok(response).get("access_token").asText()).isNotBlank();
    }

    @Test
    void refreshRotatesThePairAndASpentRefreshTokenIsRevoked() {
        JsonNode first = OAuthFlow.tokens(http);
        String spent = first.get("refresh_token").asText();

        JsonNode second = SandboxApi.ok(OAuthFlow.refresh(http, spent));
        assertThat(second.get("refresh_token").asText()).isNotEqualTo(spent);
        assertThat(second.get("access_token").asText()).isNotEqualTo(first.get("access_token").asText());
        SandboxApi.ok(SandboxApi.withToken(http, second.get("access_token").asText()).get("account"));

        HttpResponse<String> reuse = OAuthFlow.refresh(http, spent);
        assertThat(reuse.statusCode()).isEqualTo(401);
        assertThat(SandboxApi.json(reuse).get("hint").asText()).isEqualTo("Token has been revoked");

        JsonNode third = SandboxApi.ok(OAuthFlow.refresh(http, second.get("refresh_token").asText()));
        assertThat(third.get("refresh_token").asText()).isNotEqualTo(second.get("refresh_token").asText());
    }

    @Test
    void aWrongClientSecretIsRefused() {
        HttpResponse<String> response = OAuthFlow.token(http, "{\"client_id\":\"sandbox\",\"client_secret\":\"wrong\","
                + "\"grant_type\":\"authorization_code\",\"code\":\"" + OAuthFlow.code(http) + "\"}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(SandboxApi.json(response).get("hint").asText()).isEqualTo("Client authentication failed");
    }

    @Test
    void apiCallsWithoutAValidTokenAnswerKommosProblemJson() {
        HttpResponse<String> missing = SandboxApi.withToken(http, null).get("leads");
        HttpResponse<String> invalid = SandboxApi.withToken(http, "not-a-token").get("leads");

        for (HttpResponse<String> response : new HttpResponse[] {missing, invalid}) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            JsonNode body = SandboxApi.json(response);
            assertThat(body.get("title").asText()).isEqualTo("Unauthorized");
            assertThat(body.get("type").asText()).isEqualTo("https://httpstatus.es/401");
            assertThat(body.get("status").asInt()).isEqualTo(401);
            assertThat(body.get("detail").asText()).isNotBlank();
        }
    }

    @Test
    void theConfiguredLongLivedTokenIsAccepted() {
        JsonNode account = SandboxApi.ok(SandboxApi.withToken(http, SandboxApi.LONG_LIVED_TOKEN).get("account"));

        assertThat(account.get("id").asLong()).isEqualTo(31000001);
    }
}
