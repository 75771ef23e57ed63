package com.solarprime.integration.chaos;

import static com.solarprime.integration.chaos.ChaosCluster.await;
import static com.solarprime.integration.chaos.ChaosCluster.count;
import static com.solarprime.integration.chaos.ChaosCluster.size;
import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.support.StubServer;
import com.solarprime.integration.support.WhatsAppFixtures;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built service as two separate processes on one PostgreSQL, Kommo a third process, broken in the ways real
 * deployments break (see {@link ChaosCluster}). One cluster serves every scenario, in order. The default run uses
 * short sizes; {@code -Pchaos} ({@code chaos.full=true}) the full ones. Each scenario prints a {@code CHAOS} line
 * with its figures; assertions are on correctness only, timeouts are hang guards.
 */
@Tag("chaos")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {

    static final Duration HANG_GUARD = Duration.ofMinutes(FULL() ? 20 : 4);

    @TempDir
    static Path folder;

    static ChaosCluster cluster;

    /** Phones of scenario 1, used again by later scenarios. */
    static final List<String> phones = new ArrayList<>();

    static boolean FULL() {
        return ChaosCluster.FULL;
    }

    @BeforeAll
    static void startCluster() throws Exception {
        long started = System.nanoTime();
        cluster = new ChaosCluster(folder);
        System.out.printf("CHAOS cluster: PostgreSQL, Kommo process and two instances up and connected in %.1f s (%s run)%n",
                (System.nanoTime() - started) / 1e9, FULL() ? "full" : "short");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * A burst of WhatsApp messages, due follow-ups and Kommo stage changes (webhooks from the Kommo process), and one
     * instance killed with {@code kill -9} in the middle of it. The survivor finishes all of the work: no
     * acknowledged delivery lost, none stored twice, no WhatsApp message sent twice, exactly one Kommo lead per phone
     * and every stage change recorded once.
     */
    @Test
    @Order(1)
    void killOneProcessMidBurst() throws Exception {
        int phoneCount = size(40, 400);
        int perPhone = size(4, 6);
        for (int p = 0; p < phoneCount; p++) {
            phones.add(WhatsAppFixtures.freshPhone());
        }
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        // A first message from every phone, so that the leads exist here and in Kommo before the burst.
        List<String[]> first = new ArrayList<>();
        for (String phone : phones) {
            first.add(delivery(phone, 0));
        }
        deliverAll(first, acknowledged, null);
        try (Connection db = cluster.db()) {
            await("every lead in Kommo", HANG_GUARD, () -> sql(db, "SELECT count(*) FROM lead WHERE kommo_lead_id IS NOT NULL "
                    + "AND phone_e164 = ANY(?)", array(db, plus(phones))) == phoneCount);
        }
        Map<String, Long> kommoLeadOf = kommoLeadIds();
        long[] inQualification = cluster.pipelineAndStatus("Em Qualificação");

        List<String[]> burst = new ArrayList<>();
        for (String phone : phones) {
            for (int m = 1; m < perPhone; m++) {
                burst.add(delivery(phone, m));
            }
        }
        Collections.shuffle(burst);
        int work = burst.size() + 2 * phoneCount;
        AtomicInteger submitted = new AtomicInteger();
        int[] killedExit = {0};
        long[] killedAt = {0};
        Runnable killHalfway = () -> {
            if (submitted.incrementAndGet() == work / 2) {
                killedAt[0] = System.nanoTime();
                killedExit[0] = cluster.apps[1].kill();
            }
        };
        ExecutorService load = Executors.newFixedThreadPool(3);
        load.submit(() -> deliverAll(burst, acknowledged, killHalfway));
        Set<String> followUps = ConcurrentHashMap.newKeySet();
        load.submit(() -> {
            for (int p = 0; p < phoneCount; p++) {
                String marker = "F" + p + "X" + System.nanoTime();
                scheduleFollowUp(phones.get(p), marker);
                followUps.add(marker);
                killHalfway.run();
            }
            return null;
        });
        load.submit(() -> {
            // Moves made in Kommo by a person: Kommo posts a status webhook for each, to the balancer.
            for (String phone : phones) {
                cluster.kommoApi("PATCH", "/leads/" + kommoLeadOf.get(phone), "{\"status_id\":" + inQualification[1]
                        + ",\"pipeline_id\":" + inQualification[0] + "}");
                Thread.sleep(200);
                killHalfway.run();
            }
            return null;
        });
        load.shutdown();
        assertThat(load.awaitTermination(HANG_GUARD.toMinutes(), TimeUnit.MINUTES)).as("the burst was sent").isTrue();

        try (Connection db = cluster.db()) {
            await("the backlog empty", HANG_GUARD, () -> backlogEmpty(db, inQualification[1], kommoLeadOf.values(), followUps));
            double drain = (System.nanoTime() - killedAt[0]) / 1e9;
            long lost = sql(db, "SELECT count(*) FROM unnest(?) AS id WHERE id NOT IN (SELECT provider_message_id FROM message)",
                    db.createArrayOf("text", acknowledged.toArray()));
            long storedTwice = sql(db, "SELECT count(*) - count(DISTINCT provider_message_id) FROM message");
            Map<String, Long> sends = cluster.evolution.received().stream().map(StubServer.Received::body)
                    .map(body -> followUps.stream().filter(body::contains).findFirst().orElse("other"))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            long sentTwice = sends.entrySet().stream().filter(e -> !e.getKey().equals("other") && e.getValue() > 1).count();
            long followUpsSent = sql(db, "SELECT count(*) FROM follow_up WHERE type = 'CUSTOM' AND status = 'sent' AND text LIKE 'Lembrete chaos %'");
            long followUpsFailed = sql(db, "SELECT count(*) FROM follow_up WHERE type = 'CUSTOM' AND status = 'failed' AND text LIKE 'Lembrete chaos %'");
            long[] leadsPerPhone = leadsPerPhone();
            long changesTwice = sql(db, "SELECT count(*) FROM (SELECT kommo_lead_id FROM stage_history WHERE to_status_id = ? "
                    + "GROUP BY kommo_lead_id HAVING count(*) > 1) twice", inQualification[1]);
            System.out.printf("CHAOS kill-9: %d deliveries, %d follow-ups and %d Kommo moves; instance 2 killed (exit %d) halfway; "
                            + "%d acknowledged; acknowledged but lost %d; stored twice %d; follow-ups sent %d, failed rather than risk a "
                            + "duplicate %d, sent twice %d; Kommo leads per phone min %d max %d; stage changes recorded twice %d; "
                            + "backlog empty %.1f s after the kill%n", burst.size() + phoneCount, phoneCount, phoneCount,
                    killedExit[0], acknowledged.size(), lost, storedTwice, followUpsSent, followUpsFailed, sentTwice,
                    leadsPerPhone[0], leadsPerPhone[1], changesTwice, drain);
            assertThat(killedExit[0]).as("SIGKILL").isEqualTo(137);
            assertThat(acknowledged).hasSize(burst.size() + phoneCount);
            assertThat(lost).isZero();
            assertThat(storedTwice).isZero();
            assertThat(sentTwice).isZero();
            assertThat(followUpsSent + followUpsFailed).isEqualTo(phoneCount);
            assertThat(leadsPerPhone).containsExactly(1, 1);
            assertThat(changesTwice).isZero();
        }
        cluster.startApp(1);
    }

    // ---- scenario helpers

    private boolean backlogEmpty(Connection db, long statusId, java.util.Collection<Long> kommoLeads, Set<String> followUps) {
        return sql(db, "SELECT count(*) FROM inbox WHERE status IN ('pending', 'claimed')") == 0
                && sql(db, "SELECT count(*) FROM kommo_outbox WHERE status IN ('pending', 'claimed')") == 0
                && sql(db, "SELECT count(*) FROM stage_history WHERE status IN ('pending', 'claimed')") == 0
                && sql(db, "SELECT count(*) FROM follow_up WHERE status IN ('pending', 'claimed') AND due_at <= now()") == 0
                && sql(db, "SELECT count(*) FROM follow_up WHERE text LIKE 'Lembrete chaos %'") == followUps.size()
                && sql(db, "SELECT count(DISTINCT kommo_lead_id) FROM stage_history WHERE to_status_id = ? AND kommo_lead_id = ANY(?)",
                        statusId, array(db, kommoLeads.toArray())) == kommoLeads.size();
    }

    private String[] delivery(String phone, int m) {
        String id = "CHAOS" + phone + "X" + m + "X" + System.nanoTime();
        return new String[] {id, WhatsAppFixtures.evolutionText(phone, id, "mensagem " + m, false)};
    }

    /** Sends every delivery through the balancer until it is acknowledged, as Evolution retries what was not. */
    void deliverAll(List<String[]> deliveries, Set<String> acknowledged, Runnable afterEach) {
        ExecutorService senders = Executors.newFixedThreadPool(8);
        for (String[] delivery : deliveries) {
            senders.submit(() -> {
                if (afterEach != null) {
                    afterEach.run();
                }
                Instant deadline = Instant.now().plus(HANG_GUARD);
                while (!acknowledged.contains(delivery[0]) && Instant.now().isBefore(deadline)) {
                    try {
                        HttpResponse<String> reply = cluster.send(HttpRequest.newBuilder(URI.create(cluster.lb() + "/webhooks/whatsapp/evolution"))
                                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                                .header("X-Webhook-Secret", cluster.evolutionWebhookSecret)
                                .POST(HttpRequest.BodyPublishers.ofString(delivery[1])).build());
                        if (reply.statusCode() == 200) {
                            acknowledged.add(delivery[0]);
                        } else {
                            Thread.sleep(200);
                        }
                    } catch (Exception notAcknowledged) {
                        // Sent again.
                    }
                }
            });
        }
        senders.shutdown();
        try {
            senders.awaitTermination(HANG_GUARD.toMinutes() + 1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void scheduleFollowUp(String phone, String marker) throws Exception {
        String body = "{\"phone\":\"+" + phone + "\",\"dueAt\":\"" + Instant.now().plusSeconds(3) + "\",\"type\":\"CUSTOM\","
                + "\"text\":\"Lembrete chaos " + marker + " {nome}\"}";
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                HttpResponse<String> answer = cluster.send(HttpRequest.newBuilder(URI.create(cluster.lb() + "/api/follow-ups"))
                        .timeout(Duration.ofSeconds(10)).header("X-Api-Key", cluster.apiKey).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
                if (answer.statusCode() == 201 || answer.statusCode() == 200) {
                    return;
                }
                if (answer.statusCode() < 500 && answer.statusCode() != 502) {
                    throw new AssertionError("POST /api/follow-ups answered " + answer.statusCode() + ": " + answer.body());
                }
            } catch (java.io.IOException retried) {
                // The instance died under the request: sent again.
            }
            Thread.sleep(200);
        }
        throw new AssertionError("POST /api/follow-ups never succeeded");
    }

    private Map<String, Long> kommoLeadIds() throws Exception {
        Map<String, Long> ids = new ConcurrentHashMap<>();
        try (Connection db = cluster.db(); var statement = db.prepareStatement(
                "SELECT phone_e164, kommo_lead_id FROM lead WHERE phone_e164 = ANY(?)")) {
            statement.setArray(1, db.createArrayOf("text", plus(phones)));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.put(rows.getString(1).substring(1), rows.getLong(2));
                }
            }
        }
        return ids;
    }

    /** Kommo leads linked to a contact with each phone, in the Kommo process's own database: min and max. */
    private long[] leadsPerPhone() throws Exception {
        try (Connection kommo = cluster.kommoDb(); var statement = kommo.prepareStatement("""
                SELECT min(n), max(n) FROM (
                    SELECT phone, count(DISTINCT lc.lead_id) AS n FROM unnest(?::text[]) AS phone
                    LEFT JOIN kommo_sandbox.contact c ON phone = ANY(c.phone_digits)
                    LEFT JOIN kommo_sandbox.lead_contact lc ON lc.contact_id = c.id
                    GROUP BY phone) per_phone""")) {
            statement.setArray(1, kommo.createArrayOf("text", phones.toArray()));
            try (var rows = statement.executeQuery()) {
                rows.next();
                return new long[] {rows.getLong(1), rows.getLong(2)};
            }
        }
    }

    static Object[] plus(List<String> digits) {
        return digits.stream().map(d -> "+" + d).toArray();
    }

    static java.sql.Array array(Connection db, Object[] values) {
        try {
            return db.createArrayOf(values.length > 0 && values[0] instanceof Long ? "bigint" : "text", values);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long sql(Connection db, String query, Object... params) {
        try {
            return count(db, query, params);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
