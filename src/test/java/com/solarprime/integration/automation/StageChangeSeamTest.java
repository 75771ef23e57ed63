package com.solarprime.integration.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.kommo.KommoClient;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import com.solarprime.integration.support.KommoFixtures;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The seam between a recorded stage change and its actions: they commit together with the change's "done", and
 * a change whose automation could not run (the commit failed, Kommo could not be read) stays pending and is
 * run again until its actions exist, once.
 */
@CamelSpringBootTest
@IntegrationTest
@TestPropertySource(properties = {"solarprime.kommo.webhook-secret=seam-secret",
        "solarprime.work.queues.stage-changes.retry-backoff=1s"})
class StageChangeSeamTest {

    static final String HOOK = "/webhooks/kommo/seam-secret";

    @Autowired
    CamelContext camel;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    KommoClient kommo;
    @Autowired
    AccountMap map;
    @LocalServerPort
    int port;

    /** The advice stays in this class's own context: applied once, steered by this flag. */
    static final AtomicBoolean failNextCommit = new AtomicBoolean();
    static boolean advised;
    Http http;
    KommoFixtures fixtures;
    MockEndpoint failed;
    MockEndpoint committed;

    @BeforeEach
    void adviseOnce() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> map.missing().isEmpty());
        http = new Http(port);
        fixtures = new KommoFixtures(kommo, map, http);
        if (!advised) {
            AdviceWith.adviceWith(camel, "stage-actions", route -> route.weaveById("commit-actions").after().process(exchange -> {
                if (failNextCommit.getAndSet(false)) {
                    throw new IllegalStateException("crash after the actions were written, before the commit");
                }
            }));
            AdviceWith.adviceWith(camel, "stage-automation",
                    route -> route.weaveById("stage-change-failed").after().to("mock:stage-change-failed"));
            // After the actions' transaction has committed.
            AdviceWith.adviceWith(camel, "stage-change",
                    route -> route.weaveByToUri("direct:stage-actions").after().to("mock:stage-actions-committed"));
            advised = true;
        }
        failed = camel.getEndpoint("mock:stage-change-failed", MockEndpoint.class);
        committed = camel.getEndpoint("mock:stage-actions-committed", MockEndpoint.class);
        MockEndpoint.resetMocks(camel);
    }

    @Test
    void aFailedCommitLeavesNoActionAndTheChangeIsRunAgain() throws Exception {
        long lead = fixtures.personCreatedLead();
        failNextCommit.set(true);
        failed.expectedMessageCount(1);
        committed.expectedMessageCount(1);

        moveTo(lead, "IN_NEGOTIATION");

        failed.assertIsSatisfied(TimeUnit.SECONDS.toMillis(20));
        assertThat(outboxTasks(lead)).as("nothing of the failed run was committed").isZero();
        assertThat(history(lead)).startsWith("pending 1 IllegalStateException: crash after the actions");

        committed.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));
        assertThat(outboxTasks(lead)).isEqualTo(2);
        assertThat(history(lead)).startsWith("done 2");
    }

    @Test
    void whenKommoCannotBeReadTheChangeWaitsAndRunsOnceKommoIsBack() throws Exception {
        long lead = fixtures.personCreatedLead();
        committed.expectedMessageCount(1);
        // A lead only Kommo knows: its details are read from Kommo before its actions are planned.
        fixtures.admin("/faults/fail-next", "{\"count\":2,\"status\":500}");

        moveTo(lead, "WON");

        committed.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));
        assertThat(history(lead)).as("tried while Kommo failed, done once it answered").matches("done [2-9] ");
        assertThat(jdbc.sql("SELECT kind FROM kommo_outbox WHERE (payload ->> 'entity_id')::bigint = ? ORDER BY kind")
                .param(lead).query(String.class).list()).as("the won note and task, once").containsExactly("note", "task");
    }

    private void moveTo(long lead, String stage) {
        assertThat(http.post(HOOK, "application/x-www-form-urlencoded",
                fixtures.statusForm(lead, map.statusId(stage), map.statusId("NEW"), System.currentTimeMillis() / 1000))
                .statusCode()).isEqualTo(200);
    }

    private long outboxTasks(long lead) {
        return jdbc.sql("SELECT count(*) FROM kommo_outbox WHERE kind = 'task' AND (payload ->> 'entity_id')::bigint = ?")
                .param(lead).query(Long.class).single();
    }

    private String history(long lead) {
        return jdbc.sql("SELECT status || ' ' || attempts || ' ' || coalesce(last_error, '') FROM stage_history "
                + "WHERE kommo_lead_id = ?").param(lead).query(String.class).single();
    }
}
