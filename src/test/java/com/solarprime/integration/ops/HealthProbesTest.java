package com.solarprime.integration.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * A live instance that no operator has connected to Kommo yet: the full health says Kommo is down, but the
 * probes keep the instance in service, or Kommo's OAuth redirect could never reach its callback.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "solarprime.kommo.mode=live",
        "solarprime.kommo.subdomain=solarprime",
        // Nothing may call Kommo here: without a token no call leaves, and this address answers nobody.
        "solarprime.kommo.base-url=http://127.0.0.1:9/sandbox/kommo",
        "solarprime.kommo.client-id=live-client",
        "solarprime.kommo.client-secret=live-secret"})
class HealthProbesTest {

    @LocalServerPort
    int port;

    Http http;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void fullHealthNamesKommoWhileTheProbesStayUp() throws Exception {
        var full = http.get("/actuator/health");
        assertThat(full.statusCode()).isEqualTo(503);
        JsonNode body = json.readTree(full.body());
        assertThat(body.path("status").asText()).isEqualTo("DOWN");
        assertThat(body.path("components").path("kommo").path("status").asText()).isEqualTo("DOWN");

        for (String probe : List.of("/actuator/health/readiness", "/actuator/health/liveness")) {
            var answer = http.get(probe);
            assertThat(answer.statusCode()).as(probe + ": " + answer.body()).isEqualTo(200);
            JsonNode probeBody = json.readTree(answer.body());
            assertThat(probeBody.path("status").asText()).as(probe).isEqualTo("UP");
            assertThat(probeBody.path("components").has("kommo")).as(probe).isFalse();
        }
        assertThat(json.readTree(http.get("/actuator/health/readiness").body()).path("components").has("db"))
                .as("an instance without its database cannot take webhooks").isTrue();
    }

    @Test
    void anAdminSeesWhyKommoIsDown() throws Exception {
        JsonNode kommo = json.readTree(http.get("/actuator/health", "Authorization", Http.ADMIN_AUTH).body())
                .path("components").path("kommo");
        assertThat(kommo.path("details").path("authorization").asText()).contains("/auth/kommo");
    }

    @Test
    void theComposeHealthcheckPassesOnReadinessAndJudgesTheStatusNotTheBody() throws Exception {
        String check = composeHealthcheck();
        assertThat(check).contains("/actuator/health/readiness");

        assertThat(run(check)).as("ready instance").isZero();
        assertThat(run(check.replace("/actuator/health/readiness", "/actuator/health")))
                .as("the same check on the full health, which answers 503 with UP components in its body").isNotZero();
    }

    /** The app's healthcheck as docker-compose would run it, pointed at this test's port. */
    @SuppressWarnings("unchecked")
    private String composeHealthcheck() throws Exception {
        Map<String, Object> compose;
        try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
            compose = new Yaml().load(reader);
        }
        Map<String, Object> app = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("app");
        List<String> test = (List<String>) ((Map<String, Object>) app.get("healthcheck")).get("test");
        assertThat(test.subList(0, 3)).as("run by bash: the image's sh has no /dev/tcp").containsExactly("CMD", "bash", "-c");
        // Compose turns $$ into $ before running the command.
        return test.get(3).replace("$$", "$").replace("/dev/tcp/127.0.0.1/8080", "/dev/tcp/127.0.0.1/" + port);
    }

    private static int run(String script) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("healthcheck finished").isTrue();
        return process.exitValue();
    }
}
