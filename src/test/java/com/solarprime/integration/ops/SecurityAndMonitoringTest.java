package com.solarprime.integration.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class SecurityAndMonitoringTest {

    @LocalServerPort
    int port;

    Http http;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void healthIsPublicAndCoversDatabaseAndCamel() throws Exception {
        HttpResponse<String> health = http.get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(health.body());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(body.path("components").path("camelHealth").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void apiNeedsTheIntegrationKey() throws Exception {
        HttpResponse<String> missing = http.get("/api/leads/+5581999999999");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json.readTree(missing.body()).path("reason").asText()).contains("X-Api-Key");

        assertThat(http.get("/api/leads/x", "X-Api-Key", "wrong").statusCode()).isEqualTo(401);
        assertThat(http.get("/api/does-not-exist", "X-Api-Key", Http.API_KEY).statusCode()).isNotEqualTo(401);
    }

    @Test
    void adminSurfacesNeedBasicAuth() {
        for (String path : new String[] {"/actuator/camelroutes", "/actuator/hawtio/", "/actuator/prometheus",
                "/actuator/jolokia/version", "/ops/anything"}) {
            HttpResponse<String> anonymous = http.get(path);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                    v -> assertThat(v).startsWith("Basic"));
            assertThat(anonymous.body()).as(path).contains("\"error\":\"unauthorized\"");
            assertThat(http.get(path, "Authorization", "Basic YWRtaW46d3Jvbmc=").statusCode()).as(path).isEqualTo(401);
        }
        assertThat(http.get("/actuator/camelroutes", "Authorization", Http.ADMIN_AUTH).body()).contains("dead-letter");
        assertThat(http.get("/actuator/hawtio/", "Authorization", Http.ADMIN_AUTH).statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus", "Authorization", Http.ADMIN_AUTH).body())
                .contains("hikaricp_connections");
        assertThat(http.get("/actuator/jolokia/read/org.apache.camel:type=context,*/State",
                "Authorization", Http.ADMIN_AUTH).body()).contains("Started");
    }

    @Test
    void camelRoutesEndpointIsReadOnly() {
        HttpRequest stop = http.request("/actuator/camelroutes/dead-letter/stop")
                .header("Authorization", Http.ADMIN_AUTH)
                .header(Http.REQUESTED_BY, "tests")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertThat(http.send(stop).statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(http.get("/actuator/camelroutes/dead-letter/info", "Authorization", Http.ADMIN_AUTH).body())
                .contains("Started");
    }

    @Test
    void stateChangingAdminRequestsMustShowTheyWereNotSentCrossSite() throws Exception {
        for (String path : new String[] {"/ops/kommo/unblock", "/sandbox/kommo/_admin/faults/clear"}) {
            HttpResponse<String> bare = http.post(path, "application/json", "{}", "Authorization", Http.ADMIN_AUTH);
            assertThat(bare.statusCode()).as(path).isEqualTo(403);
            assertThat(json.readTree(bare.body()).path("error").asText()).isEqualTo("forbidden");
            assertThat(json.readTree(bare.body()).path("reason").asText()).contains(Http.REQUESTED_BY);
            assertThat(http.post(path, "application/json", "{}", "Authorization", Http.ADMIN_AUTH,
                    "Origin", "https://attacker.example").statusCode()).as(path + " from another site").isEqualTo(403);
            assertThat(http.post(path, "application/json", "{}", "Authorization", Http.ADMIN_AUTH, "Origin", "null")
                    .statusCode()).as(path + " from an opaque origin").isEqualTo(403);

            HttpResponse<String> script = http.post(path, "application/json", "{}", Http.ADMIN_HEADERS);
            assertThat(script.statusCode()).as(path + ": " + script.body()).isEqualTo(200);
        }
        assertThat(http.get("/sandbox/kommo/_admin", "Authorization", Http.ADMIN_AUTH).statusCode())
                .as("reading changes nothing").isEqualTo(200);
    }

    @Test
    void jolokiaOperationsOverGetAreStateChangingToo() {
        String gc = "/actuator/jolokia/exec/java.lang:type=Memory/gc()";
        assertThat(http.get(gc, "Authorization", Http.ADMIN_AUTH).statusCode()).isEqualTo(403);
        assertThat(http.get("/actuator/jolokia/?p=/exec/java.lang:type=Memory/gc()", "Authorization", Http.ADMIN_AUTH)
                .statusCode()).as("the operation given as a parameter").isEqualTo(403);
        assertThat(http.get(gc, Http.ADMIN_HEADERS).statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/jolokia/read/java.lang:type=Memory/HeapMemoryUsage", "Authorization",
                Http.ADMIN_AUTH).statusCode()).as("a read").isEqualTo(200);
    }

    @Test
    void aPageOfTheServiceItselfPostsWithItsOwnOrigin() {
        HttpResponse<String> samePage = http.post("/sandbox/kommo/_admin/faults/clear", "application/json", "{}",
                "Authorization", Http.ADMIN_AUTH, "Origin", "http://localhost:" + port);
        HttpResponse<String> otherPort = http.post("/sandbox/kommo/_admin/faults/clear", "application/json", "{}",
                "Authorization", Http.ADMIN_AUTH, "Origin", "http://localhost:" + (port + 1));

        assertThat(samePage.statusCode()).as(samePage.body()).isEqualTo(200);
        assertThat(otherPort.statusCode()).isEqualTo(403);
    }

    @Test
    void webhookPathsAreNotBehindAdminOrApiAuth() {
        assertThat(http.get("/webhooks/nothing-here").statusCode()).isNotEqualTo(401);
    }
}
