package com.solarprime.integration.shared.work;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.UnitOfWorkHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one claim mechanism of the work tables, on the Kommo outbox (rows of a kind the sync leaves alone): claims
 * are exclusive, failures back off and end as failed after the cap, the claims of an instance that stopped checking
 * in are taken over, and a live instance's own rows are claimed again once the poll that claimed them has ended.
 */
@IntegrationTest
class WorkQueueTest {

    @Autowired
    @Qualifier("kommoOutboxQueue")
    WorkQueue outbox;
    @Autowired
    ServiceInstance instance;
    @Autowired
    WorkProperties work;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CamelContext camel;

    @BeforeEach
    void nothingElsePending() {
        jdbc.sql("UPDATE kommo_outbox SET status = 'done' WHERE kind = 'task_complete'").update();
    }

    @Test
    void aRowIsClaimedOnceThenRetriedWithABackoffAndFailsWithItsLastErrorAfterTheCap() {
        long row = queued();
        int maxAttempts = work.queue(WorkQueues.KOMMO_OUTBOX).maxAttempts();

        assertThat(claim()).containsExactly(row);
        assertThat(claim()).as("claimed already").isEmpty();
        assertThat(outbox.retry(row, 1, "Kommo answered 503")).isEqualTo(WorkQueue.Retry.LATER);
        assertThat(jdbc.sql("SELECT status || ' ' || (next_attempt_at > now()) FROM kommo_outbox WHERE id = ?").param(row)
                .query(String.class).single()).isEqualTo("pending true");
        assertThat(claim()).as("waiting out its backoff").isEmpty();

        assertThat(outbox.retry(row, maxAttempts, "Kommo answered 503 again")).isEqualTo(WorkQueue.Retry.GAVE_UP);
        assertThat(jdbc.sql("SELECT status || ': ' || last_error FROM kommo_outbox WHERE id = ?").param(row)
                .query(String.class).single()).isEqualTo("failed: Kommo answered 503 again");
    }

    @Test
    void theBackoffDoublesUpToItsCap() {
        WorkProperties.Queue queue = work.queue(WorkQueues.KOMMO_OUTBOX);

        assertThat(queue.backoff(2)).isEqualTo(queue.retryBackoff().multipliedBy(2));
        assertThat(queue.backoff(40)).isEqualTo(queue.maxBackoff());
    }

    @Test
    void theClaimsOfAnInstanceThatStoppedCheckingInAreTakenOverAndALiveOnesAreNot() {
        long ofTheDead = queued();
        long ofTheLiving = queued();
        jdbc.sql("""
                INSERT INTO service_instance (id, host, pid, heartbeat_at) VALUES
                    ('dead', 'h', 1, now() - interval '1 hour'), ('slow but alive', 'h', 2, now())
                ON CONFLICT (id) DO UPDATE SET heartbeat_at = EXCLUDED.heartbeat_at""").update();
        claimedBy(ofTheDead, "dead");
        claimedBy(ofTheLiving, "slow but alive");

        assertThat(claim()).containsExactly(ofTheDead);
        assertThat(jdbc.sql("SELECT claimed_by FROM kommo_outbox WHERE id = ?").param(ofTheDead).query(String.class).single())
                .isEqualTo(instance.id());
    }

    @Test
    void aRowLeftClaimedByAPollThatEndedIsClaimedAgainAndNotWhileThePollRuns() {
        long left = queued();
        Exchange poll = poll();
        assertThat(claim(poll)).containsExactly(left);
        // What became of it could not be written (the database had gone away): the row is still claimed by this live
        // instance, which heart-beats again as soon as the database is back.

        assertThat(claim()).as("another poll while the first still runs: it may be working on the row").isEmpty();
        UnitOfWorkHelper.doneSynchronizations(poll, poll.getExchangeExtension().handoverCompletions());
        assertThat(claim()).as("the first poll ended").containsExactly(left);
        assertThat(jdbc.sql("SELECT status || ' ' || claimed_by || ' ' || attempts FROM kommo_outbox WHERE id = ?")
                .param(left).query(String.class).single()).isEqualTo("claimed " + instance.id() + " 2");
    }

    private long queued() {
        return jdbc.sql("INSERT INTO kommo_outbox (kind, payload) VALUES ('task_complete', '{}') RETURNING id")
                .query(Long.class).single();
    }

    private void claimedBy(long row, String owner) {
        jdbc.sql("UPDATE kommo_outbox SET status = 'claimed', claimed_by = ?, claimed_at = now() - interval '1 day' WHERE id = ?")
                .param(owner).param(row).update();
    }

    /** A poll's exchange, its completion left to the test. */
    private Exchange poll() {
        return new DefaultExchange(camel);
    }

    /** A claim by a poll of its own, still running. */
    private List<Long> claim() {
        return claim(poll());
    }

    private List<Long> claim(Exchange poll) {
        return outbox.claim(poll, "w.kind = 'task_complete'", Map.of(), "id", "id", (rs, n) -> rs.getLong(1));
    }
}
