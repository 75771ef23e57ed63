package com.solarprime.integration.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.RouteTest;
import com.solarprime.integration.support.WhatsAppFixtures;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * routes/dead-letters.camel.yaml: a replay re-injects once (the payload to its direct: endpoint, or the work row
 * back to its queue), a second one does nothing; a discard keeps the row with who discarded it.
 */
@RouteTest
class DeadLettersRouteTest {

    static final String FORM = "application/x-www-form-urlencoded";
    static boolean advised;

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    JdbcClient jdbc;

    Http http;
    MockEndpoint resent;
    MockEndpoint claimed;

    @BeforeEach
    void watch() throws Exception {
        if (!advised) {
            AdviceWith.adviceWith(camel, "boom-probe", route -> route.weaveAddFirst().to("mock:boom-received"));
            AdviceWith.adviceWith(camel, "dead-letter-claim", route -> route.weaveAddLast().to("mock:claimed"));
            advised = true;
        }
        http = new Http(port);
        resent = camel.getEndpoint("mock:boom-received", MockEndpoint.class);
        claimed = camel.getEndpoint("mock:claimed", MockEndpoint.class);
        resent.reset();
        claimed.reset();
    }

    @Test
    void aPayloadIsSentAgainToItsDirectEndpointOnceHoweverOftenItIsReplayed() throws Exception {
        producer.sendBodyAndHeader("direct:boom", "{\"lead\":\"replay-me\"}", "leadHint", "42");
        long deadLetter = jdbc.sql("SELECT max(id) FROM dead_letter WHERE route_id = 'boom-probe'").query(Long.class).single();
        resent.reset();
        resent.expectedBodiesReceived("{\"lead\":\"replay-me\"}");
        resent.expectedHeaderReceived("leadHint", "42");
        NotifyBuilder replays = new NotifyBuilder(camel).fromRoute("dead-letter-replay").whenDone(2).create();

        HttpResponse<String> first = replay(deadLetter);
        HttpResponse<String> second = replay(deadLetter);

        assertThat(replays.matches(10, TimeUnit.SECONDS)).isTrue();
        resent.assertIsSatisfied();
        assertThat(first.headers().firstValue("Location")).hasValue("/ops/dead-letters?notice=replay-failed&id=" + deadLetter);
        assertThat(second.headers().firstValue("Location"))
                .hasValue("/ops/dead-letters?notice=already-replayed&id=" + deadLetter);
        assertThat(jdbc.sql("SELECT count(*) FROM dead_letter WHERE replay_of = ?").param(deadLetter)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void anInboxReferencePutsTheDeliveryBackToPendingWithItsAttemptsReset() throws Exception {
        String phone = WhatsAppFixtures.freshPhone();
        long inbox = jdbc.sql("""
                        INSERT INTO inbox (source, dedupe_key, content_type, payload, status, attempts, last_error)
                        VALUES ('evolution', ?, 'application/json', ?, 'failed', 8, 'it failed') RETURNING id""")
                .param("route-test:" + WhatsAppFixtures.freshId())
                .param(WhatsAppFixtures.evolutionText(phone, WhatsAppFixtures.freshId(), "Oi", false))
                .query(Long.class).single();
        long deadLetter = jdbc.sql("INSERT INTO dead_letter (route_id, reason, payload_ref) VALUES ('inbox-worker', "
                + "'it failed', ?) RETURNING id").param("inbox:" + inbox).query(Long.class).single();
        claimed.expectedMessageCount(1);

        assertThat(replay(deadLetter).headers().firstValue("Location"))
                .hasValue("/ops/dead-letters?notice=replayed&id=" + deadLetter);

        claimed.assertIsSatisfied();
        assertThat(jdbc.sql("SELECT status <> 'failed' AND attempts <= 1 FROM inbox WHERE id = ?").param(inbox)
                .query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT replayed_by || ': ' || replay_outcome FROM dead_letter WHERE id = ?").param(deadLetter)
                .query(String.class).single()).startsWith("admin: ");
    }

    @Test
    void aStageChangeReferencePutsTheChangeBackInTheStageChangeQueue() {
        long change = jdbc.sql("""
                        INSERT INTO stage_history (kommo_lead_id, pipeline_id, from_status_id, to_status_id, changed_at, source,
                                                   dedupe_key, status, attempts, last_error)
                        VALUES (?, 1, 2, 3, now(), 'webhook', ?, 'failed', 8, 'it failed') RETURNING id""")
                .param(System.nanoTime()).param("route-test:" + WhatsAppFixtures.freshId())
                .query(Long.class).single();
        long deadLetter = jdbc.sql("INSERT INTO dead_letter (route_id, reason, payload_ref) VALUES ('stage-change-worker', "
                + "'it failed', ?) RETURNING id").param("stage_history:" + change).query(Long.class).single();

        assertThat(replay(deadLetter).headers().firstValue("Location"))
                .hasValue("/ops/dead-letters?notice=replayed&id=" + deadLetter);

        assertThat(jdbc.sql("SELECT status <> 'failed' AND attempts <= 1 FROM stage_history WHERE id = ?").param(change)
                .query(Boolean.class).single()).as("back in its queue, its attempts reset").isTrue();
        assertThat(replay(deadLetter).headers().firstValue("Location")).as("a second replay acts no more")
                .hasValue("/ops/dead-letters?notice=already-replayed&id=" + deadLetter);
    }

    @Test
    void aDiscardKeepsTheRowWithWhoDiscardedIt() {
        long deadLetter = jdbc.sql("INSERT INTO dead_letter (route_id, reason) VALUES ('kommo-webhook', 'bad') RETURNING id")
                .query(Long.class).single();

        HttpResponse<String> discard = http.post("/ops/dead-letters/" + deadLetter + "/discard", FORM, "", Http.ADMIN_HEADERS);
        HttpResponse<String> replay = replay(deadLetter);

        assertThat(discard.statusCode()).isEqualTo(303);
        assertThat(discard.headers().firstValue("Location"))
                .hasValue("/ops/dead-letters?notice=discarded-now&id=" + deadLetter);
        assertThat(replay.headers().firstValue("Location")).hasValue("/ops/dead-letters?notice=discarded&id=" + deadLetter);
        assertThat(jdbc.sql("SELECT discarded_by FROM dead_letter WHERE id = ? AND discarded_at IS NOT NULL "
                + "AND replayed_at IS NULL").param(deadLetter).query(String.class).single()).isEqualTo("admin");
    }

    @Test
    void anUnknownDeadLetterIsRefusedWith404() {
        HttpResponse<String> replay = replay(Long.MAX_VALUE);
        HttpResponse<String> discard = http.post("/ops/dead-letters/" + Long.MAX_VALUE + "/discard", FORM, "", Http.ADMIN_HEADERS);

        assertThat(replay.statusCode()).isEqualTo(404);
        assertThat(replay.body()).contains("\"error\":\"not_found\"");
        assertThat(discard.statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> replay(long deadLetter) {
        return http.post("/ops/dead-letters/" + deadLetter + "/replay", FORM, "", Http.ADMIN_HEADERS);
    }
}
