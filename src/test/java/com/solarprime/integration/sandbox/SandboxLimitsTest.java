package com.solarprime.integration.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Limits and fault injection change the whole emulated account (a block answers 403 to everyone), so they
 * run in a context of their own, closed afterwards, where a block needs 5 refusals instead of 20.
 */
@IntegrationTest
@TestPropertySource(properties = "solarprime.sandbox.block-after-429s=5")
@DirtiesContext
class SandboxLimitsTest {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        admin("/unblock");
        admin("/faults/clear");
    }

    @AfterEach
    void tearDown() {
        admin("/unblock");
        admin("/faults/clear");
    }

    @Test
    void theEighthRequestWithinOneSecondAnswers429WithRetryAfter() throws Exception {
        SandboxApi api = SandboxApi.unthrottled(http, OAuthFlow.tokens(http).get("access_token").asText());
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> refused = null;
        long started = System.nanoTime();
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> response = api.get("account");
            statuses.add(response.statusCode());
            refused = response;
        }
        assertThat(System.nanoTime() - started).isLessThan(1_000_000_000L);

        assertThat(statuses.subList(0, 7)).containsOnly(200);
        assertThat(statuses.get(7)).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode body = SandboxApi.json(refused);
        assertThat(body.get("retry_after").isInt()).isTrue();
        assertThat(body.get("retry_after").asInt()).isEqualTo(1);

        Thread.sleep(body.get("retry_after").asInt() * 1000L);
        assertThat(api.get("account").statusCode()).isEqualTo(200);
        assertThat(stats().get("rate_limited").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void repeated429sBlockTheAccountWithAnHtml403UntilUnblocked() {
        SandboxApi hammer = SandboxApi.unthrottled(http, OAuthFlow.tokens(http).get("access_token").asText());
        for (int i = 0; i < 12; i++) {
            hammer.get("account");
        }
        SandboxApi other = SandboxApi.withToken(http, SandboxApi.LONG_LIVED_TOKEN);

        for (String path : List.of("account", "leads", "leads/pipelines")) {
            HttpResponse<String> blocked = other.get(path);
            assertThat(blocked.statusCode()).isEqualTo(403);
            assertThat(blocked.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(blocked.body()).startsWith("<!DOCTYPE html>");
        }
        assertThat(OAuthFlow.exchange(http, OAuthFlow.code(http)).statusCode()).isEqualTo(403);
        assertThat(state().get("blocked").asBoolean()).isTrue();

        admin("/unblock");

        assertThat(other.get("account").statusCode()).isEqualTo(200);
    }

    @Test
    void theBlockCanBeForcedAndLifted() {
        SandboxApi api = SandboxApi.withToken(http, SandboxApi.LONG_LIVED_TOKEN);
        admin("/block");
        assertThat(api.get("account").statusCode()).isEqualTo(403);

        admin("/unblock");
        assertThat(api.get("account").statusCode()).isEqualTo(200);
    }

    @Test
    void theNextCallsCanBeMadeToFail() {
        SandboxApi api = SandboxApi.withToken(http, SandboxApi.LONG_LIVED_TOKEN);
        http.post(SandboxApi.ROOT + "/_admin/faults/fail-next", "application/json", "{\"count\":2}", Http.ADMIN_HEADERS);

        HttpResponse<String> first = api.get("account");
        HttpResponse<String> second = api.get("leads/pipelines");
        HttpResponse<String> third = api.get("account");

        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(SandboxApi.json(first).get("status").asInt()).isEqualTo(500);
        assertThat(second.statusCode()).isEqualTo(500);
        assertThat(third.statusCode()).isEqualTo(200);
    }

    @Test
    void latencyIsAddedToEveryCall() {
        SandboxApi api = SandboxApi.withToken(http, SandboxApi.LONG_LIVED_TOKEN);
        http.post(SandboxApi.ROOT + "/_admin/faults/latency", "application/json", "{\"ms\":400}", Http.ADMIN_HEADERS);

        long started = System.nanoTime();
        assertThat(api.get("account").statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(400);
    }

    @Test
    void statisticsCountCallsByPathTemplateAndReset() {
        SandboxApi api = SandboxApi.withToken(http, SandboxApi.LONG_LIVED_TOKEN);
        admin("/stats/reset");

        long id = SandboxApi.ok(api.post("leads/complex", "[{\"name\":\"s1\"}]")).get(0).get("id").asLong();
        SandboxApi.ok(api.post("leads/complex", "[{\"name\":\"s2\"}]"));
        SandboxApi.ok(api.get("leads/" + id));
        api.post("leads/complex", "[{\"sale\":1}]");

        JsonNode stats = stats();
        assertThat(stats.get("calls").get("POST /api/v4/leads/complex").asLong()).isEqualTo(3);
        assertThat(stats.get("succeeded").get("POST /api/v4/leads/complex").asLong()).isEqualTo(2);
        assertThat(stats.get("calls").get("GET /api/v4/leads/{id}").asLong()).isEqualTo(1);
        assertThat(stats.get("statuses").get("400").asLong()).isEqualTo(1);

        JsonNode reset = SandboxApi.json(http.post(SandboxApi.ROOT + "/_admin/stats/reset", "application/json", "{}",
                Http.ADMIN_HEADERS));
        assertThat(reset.get("total").asLong()).isZero();
        assertThat(reset.get("calls").has("POST /api/v4/leads/complex")).isFalse();
    }

    @Test
    void expiringAccessTokensForcesARefresh() {
        JsonNode tokens = OAuthFlow.tokens(http);
        SandboxApi api = SandboxApi.withToken(http, tokens.get("access_token").asText());
        assertThat(api.get("account").statusCode()).isEqualTo(200);

        admin("/oauth/expire-access-tokens");

        assertThat(api.get("account").statusCode()).isEqualTo(401);
        JsonNode refreshed = SandboxApi.ok(OAuthFlow.refresh(http, tokens.get("refresh_token").asText()));
        assertThat(SandboxApi.withToken(http, refreshed.get("access_token").asText()).get("account").statusCode())
                .isEqualTo(200);
    }

    @Test
    void resetEmptiesTheCrmAndAFullResetReseedsTheAccount() {
        SandboxApi api = SandboxApi.withToken(http, SandboxApi.LONG_LIVED_TOKEN);
        long id = SandboxApi.ok(api.post("leads", "[{\"name\":\"before reset\"}]")).get("_embedded").get("leads").get(0)
                .get("id").asLong();
        long pipelineId = SandboxApi.ok(api.get("leads/pipelines")).get("_embedded").get("pipelines").get(0).get("id").asLong();
        String oauthToken = OAuthFlow.tokens(http).get("access_token").asText();

        admin("/reset");
        assertThat(api.get("leads/" + id).statusCode()).isEqualTo(204);
        assertThat(SandboxApi.ok(api.get("leads/pipelines")).get("_embedded").get("pipelines").get(0).get("id").asLong())
                .isEqualTo(pipelineId);
        assertThat(SandboxApi.withToken(http, oauthToken).get("account").statusCode()).isEqualTo(200);

        admin("/reset?scope=all");
        JsonNode pipelines = SandboxApi.ok(api.get("leads/pipelines")).get("_embedded").get("pipelines");
        assertThat(pipelines).hasSize(1);
        assertThat(pipelines.get(0).get("id").asLong()).isGreaterThan(id);
        assertThat(SandboxApi.withToken(http, oauthToken).get("account").statusCode()).isEqualTo(401);
    }

    private JsonNode stats() {
        return SandboxApi.json(http.get(SandboxApi.ROOT + "/_admin/stats", "Authorization", Http.ADMIN_AUTH));
    }

    private JsonNode state() {
        return SandboxApi.json(http.get(SandboxApi.ROOT + "/_admin", "Authorization", Http.ADMIN_AUTH));
    }

    private void admin(String path) {
        HttpResponse<String> response = http.post(SandboxApi.ROOT + "/_admin" + path, "application/json", "{}",
                Http.ADMIN_HEADERS);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    }
}
