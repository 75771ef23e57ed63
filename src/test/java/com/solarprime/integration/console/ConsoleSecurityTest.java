package com.solarprime.integration.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console over real HTTP: who may see and do what, the cross-site protection of its actions (login included),
 * the audit of every action, replays racing each other, and no secret or full phone number on any page but the lead's.
 */
@IntegrationTest
class ConsoleSecurityTest {

    static final String FORM = "application/x-www-form-urlencoded";
    static final String[] PAGES = {"/ops", "/ops/queues", "/ops/dead-letters", "/ops/dead-letters?state=ALL", "/ops/leads",
            "/ops/follow-ups", "/ops/funnel"};
    /** Every secret the test configuration holds. */
    static final List<String> SECRETS = List.of("admin-secret", "test-api-key", "test-sandbox-token", "test-sandbox-secret",
            "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY", "evolution-test-secret", "meta-app-secret", "meta-verify-token");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AccountMap map;
    @Autowired
    ProducerTemplate producer;

    Http http;
    ConsoleData data;

    @BeforeEach
    void client() {
        http = new Http(port);
        data = new ConsoleData(jdbc, map);
    }

    @Test
    void pagesAskBrowsersToLogInScriptsForBasicAuthAndShowToTheAdmin() {
        ConsoleData.Lead lead = data.lead("Carla Matriz");
        List<String> pages = new ArrayList<>(List.of(PAGES));
        pages.addAll(List.of("/ops/leads/" + lead.id(), "/ops/funnel/chart.png"));
        for (String page : pages) {
            HttpResponse<String> browser = http.get(page, "Accept", "text/html,application/xhtml+xml");
            assertThat(browser.statusCode()).as(page).isEqualTo(302);
            assertThat(browser.headers().firstValue("Location").orElseThrow()).as(page).endsWith("/ops/login");

            HttpResponse<String> script = http.get(page);
            assertThat(script.statusCode()).as(page).isEqualTo(401);
            assertThat(script.headers().firstValue("WWW-Authenticate").orElseThrow()).as(page).startsWith("Basic");
            assertThat(script.body()).as(page).contains("\"error\"");

            assertThat(http.get(page, "Authorization", Http.ADMIN_AUTH).statusCode()).as(page).isEqualTo(200);
        }
        assertThat(http.get("/ops/login", "Accept", "text/html").statusCode()).isEqualTo(200);
    }

    @Test
    void actionsNeedTheAdminAndAreRefusedCrossSiteWithoutChangingAnything() {
        ConsoleData.Lead lead = data.lead("Davi Ação");
        long deadLetter = boom();
        Map<String, String> actions = Map.of(
                "/ops/follow-ups/" + lead.followUp() + "/cancel", "",
                "/ops/dead-letters/" + deadLetter + "/replay", "",
                "/ops/dead-letters/" + deadLetter + "/discard", "",
                "/ops/kommo/validate", "",
                "/ops/leads", "q=Davi");
        String session = logIn();
        for (Map.Entry<String, String> action : actions.entrySet()) {
            String path = action.getKey();
            // Refused before anything else without the sign of a request from the console or a script, 401 without auth.
            assertThat(http.post(path, FORM, action.getValue()).statusCode()).as(path).isEqualTo(403);
            assertThat(http.post(path, FORM, action.getValue(), Http.REQUESTED_BY, "script").statusCode()).as(path)
                    .isEqualTo(401);
            assertThat(http.post(path, FORM, action.getValue(), "Authorization", Http.ADMIN_AUTH).statusCode()).as(path)
                    .isEqualTo(403);
            // A page on another site posting with the admin's session cookie: the browser says where it came from.
            assertThat(http.post(path, FORM, action.getValue(), "Cookie", session, "Origin", "https://evil.example")
                    .statusCode()).as(path).isEqualTo(403);
        }
        assertThat(jdbc.sql("SELECT status FROM follow_up WHERE id = ?").param(lead.followUp()).query(String.class).single())
                .isEqualTo("pending");
        assertThat(jdbc.sql("SELECT replayed_at IS NULL AND discarded_at IS NULL FROM dead_letter WHERE id = ?")
                .param(deadLetter).query(Boolean.class).single()).isTrue();

        // The same action from the console's own page goes through.
        HttpResponse<String> own = http.post("/ops/follow-ups/" + lead.followUp() + "/cancel?back=/ops/leads/" + lead.id(),
                FORM, "", "Cookie", session, "Origin", "http://localhost:" + port);
        assertThat(own.statusCode()).isEqualTo(303);
        assertThat(own.headers().firstValue("Location").orElseThrow())
                .isEqualTo("/ops/leads/" + lead.id() + "?notice=cancelled&followUp=" + lead.followUp());
        // The login form itself is protected the same way.
        assertThat(http.post("/ops/login", FORM, "username=admin&password=admin-secret", "Origin", "https://evil.example")
                .statusCode()).isEqualTo(403);
    }

    @Test
    void everyActionIsAuditedWithWhoDidItAndHowItEnded() {
        ConsoleData.Lead lead = data.lead("Elisa Auditoria");
        long before = jdbc.sql("SELECT coalesce(max(id), 0) FROM ops_audit").query(Long.class).single();

        HttpResponse<String> cancel = http.post("/ops/follow-ups/" + lead.followUp() + "/cancel", FORM, "",
                Http.ADMIN_HEADERS);
        http.post("/ops/kommo/validate", FORM, "", Http.ADMIN_HEADERS);
        http.post("/ops/dead-letters/99999999999/discard", FORM, "", Http.ADMIN_HEADERS);

        assertThat(cancel.statusCode()).isEqualTo(303);
        assertThat(cancel.headers().firstValue("Location").orElseThrow()).startsWith("/ops/follow-ups?notice=cancelled");
        // Routes answer asynchronously: the row is written once the request completed, just after the answer went out.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
                        "SELECT actor || ' ' || method || ' ' || path || ' ' || status FROM ops_audit WHERE id > ? ORDER BY id")
                .param(before).query(String.class).list())
                .containsExactly("admin POST /ops/follow-ups/" + lead.followUp() + "/cancel 303",
                        "admin POST /ops/kommo/validate 200",
                        "admin POST /ops/dead-letters/***9999/discard 404"));
        assertThat(jdbc.sql("SELECT cancel_reason FROM follow_up WHERE id = ?").param(lead.followUp())
                .query(String.class).single()).isEqualTo("cancelled from the ops console by admin");
        assertThat(http.get("/ops", "Authorization", Http.ADMIN_AUTH).body())
                .contains("/ops/follow-ups/" + lead.followUp() + "/cancel");
    }

    @Test
    void twoReplaysAtOnceReInjectOnce() throws Exception {
        long deadLetter = boom();
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<HttpResponse<String>>> replays = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            replays.add(CompletableFuture.supplyAsync(() -> {
                HttpRequest request = http.request("/ops/dead-letters/" + deadLetter + "/replay")
                        .header("Content-Type", FORM).headers(Http.ADMIN_HEADERS)
                        .POST(HttpRequest.BodyPublishers.noBody()).build();
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return http.send(request);
            }));
        }
        List<String> locations = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> replay : replays) {
            HttpResponse<String> answer = replay.get();
            assertThat(answer.statusCode()).isEqualTo(303);
            locations.add(answer.headers().firstValue("Location").orElseThrow());
        }

        assertThat(locations).containsExactlyInAnyOrder("/ops/dead-letters?notice=replay-failed&id=" + deadLetter,
                "/ops/dead-letters?notice=already-replayed&id=" + deadLetter);
        // The re-sent payload failed again once: one new dead letter.
        assertThat(jdbc.sql("SELECT count(*) FROM dead_letter WHERE replay_of = ?").param(deadLetter)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT replayed_by FROM dead_letter WHERE id = ?").param(deadLetter)
                .query(String.class).single()).isEqualTo("admin");
    }

    @Test
    void noPageShowsASecretAndOnlyTheLeadsOwnPageShowsItsFullPhone() {
        ConsoleData.Lead lead = data.lead("Fábio Sigilo");
        ConsoleData.Lead other = data.lead("Gabi Outra");
        String fullPhone = lead.phone().substring(2);
        List<String> pages = new ArrayList<>(List.of(PAGES));
        pages.add("/ops/leads/" + other.id());
        for (String page : pages) {
            String body = http.get(page, "Authorization", Http.ADMIN_AUTH).body();
            assertThat(body).as(page).doesNotContain(fullPhone);
            SECRETS.forEach(secret -> assertThat(body).as(page).doesNotContain(secret));
        }
        String results = http.post("/ops/leads", FORM, "q=" + lead.phone().substring(6), Http.ADMIN_HEADERS).body();
        assertThat(results).contains("Fábio Sigilo").doesNotContain(fullPhone);
        SECRETS.forEach(secret -> assertThat(results).doesNotContain(secret));

        String own = http.get("/ops/leads/" + lead.id(), "Authorization", Http.ADMIN_AUTH).body();
        assertThat(own).contains(fullPhone);
        SECRETS.forEach(secret -> assertThat(own).doesNotContain(secret));
    }

    /** Logs in through the form as a browser on the console's own page does, and answers the session cookie. */
    private String logIn() {
        HttpResponse<String> login = http.post("/ops/login", FORM, "username=admin&password=admin-secret",
                "Origin", "http://localhost:" + port);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/ops");
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private long boom() {
        producer.sendBody("direct:boom", "{\"lead\":\"console\"}");
        return jdbc.sql("SELECT max(id) FROM dead_letter WHERE route_id = 'boom-probe' AND replay_of IS NULL")
                .query(Long.class).single();
    }
}
