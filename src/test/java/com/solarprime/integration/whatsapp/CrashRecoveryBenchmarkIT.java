package com.solarprime.integration.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.support.AppProcess;
import com.solarprime.integration.support.WhatsAppFixtures;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar killed with {@code kill -9} in the middle of a burst of 2,000 WhatsApp messages (200 conversations of
 * 10), restarted on the same data, and every delivery that was not acknowledged sent again, as Evolution does. Prints:
 * acknowledged but lost (goal 0), stored twice (goal 0), Kommo leads per phone number (goal exactly 1) and the seconds
 * from the restart until all the work is done (goal 60 at most).
 */
@Tag("bench")
class CrashRecoveryBenchmarkIT {

    static final int PHONES = 200;
    static final int PER_PHONE = 10;
    static final String SECRET = "crash-secret";

    @TempDir
    Path folder;

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void killedMidBurstRestartedAndRedelivered() throws Exception {
        int dbPort = freePort();
        Map<String, String> env = Map.of("EMBEDDED_DB_PORT", String.valueOf(dbPort), "EVOLUTION_WEBHOOK_SECRET", SECRET);
        List<String[]> deliveries = new ArrayList<>();
        for (int p = 0; p < PHONES; p++) {
            String phone = WhatsAppFixtures.freshPhone();
            for (int m = 0; m < PER_PHONE; m++) {
                String id = "CRASH" + p + "X" + m + "X" + System.nanoTime();
                deliveries.add(new String[] {id, WhatsAppFixtures.evolutionText(phone, id, "mensagem " + m, false)});
            }
        }
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();

        AppProcess first = AppProcess.start(folder, env).awaitReady(Duration.ofSeconds(180));
        awaitKommoConnected(first);
        AtomicInteger sent = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        for (String[] delivery : deliveries) {
            senders.submit(() -> {
                if (sent.incrementAndGet() == deliveries.size() / 2) {
                    first.kill();
                }
                deliver(first, delivery, acknowledged);
            });
        }
        senders.shutdown();
        senders.awaitTermination(5, TimeUnit.MINUTES);
        int acknowledgedBeforeTheCrash = acknowledged.size();

        long restartedAt = System.nanoTime();
        try (AppProcess second = AppProcess.start(folder, env).awaitReady(Duration.ofSeconds(180))) {
            for (String[] delivery : deliveries) {
                while (!acknowledged.contains(delivery[0])) {
                    deliver(second, delivery, acknowledged);
                }
            }
            try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/postgres", "postgres", "")) {
                while (!allWorkDone(db)) {
                    Thread.sleep(250);
                }
                double seconds = (System.nanoTime() - restartedAt) / 1e9;
                long lost = count(db, "SELECT count(*) FROM unnest(?) AS id WHERE id NOT IN (SELECT provider_message_id FROM message)",
                        db.createArrayOf("text", acknowledged.toArray()));
                long twice = count(db, "SELECT count(*) - count(DISTINCT provider_message_id) FROM message WHERE provider_message_id LIKE 'CRASH%'");
                long[] leadsPerPhone = leadsPerPhone(db);
                System.out.printf("BENCH crash-recovery: %d of %d deliveries acknowledged before kill -9; acknowledged but lost %d "
                                + "(goal 0); stored twice %d (goal 0); Kommo leads per phone min %d max %d (goal exactly 1); "
                                + "%.1f s from restart until all work was done (goal <= 60)%n", acknowledgedBeforeTheCrash,
                        deliveries.size(), lost, twice, leadsPerPhone[0], leadsPerPhone[1], seconds);
                assertThat(lost).isZero();
                assertThat(twice).isZero();
                assertThat(leadsPerPhone).containsExactly(1, 1);
            }
        }
    }

    private void deliver(AppProcess app, String[] delivery, Set<String> acknowledged) {
        try {
            HttpResponse<Void> reply = client.send(HttpRequest.newBuilder(URI.create(app.base() + "/webhooks/whatsapp/evolution"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json").header("X-Webhook-Secret", SECRET)
                    .POST(HttpRequest.BodyPublishers.ofString(delivery[1])).build(), HttpResponse.BodyHandlers.discarding());
            if (reply.statusCode() == 200) {
                acknowledged.add(delivery[0]);
            }
        } catch (Exception notAcknowledged) {
            // Evolution sends it again later: so does the loop after the restart.
        }
    }

    private static void awaitKommoConnected(AppProcess app) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 120; i++) {
            String health = http.send(HttpRequest.newBuilder(URI.create(app.base() + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (health.contains("\"kommo\":{\"status\":\"UP\"")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Kommo sandbox never connected");
    }

    private static boolean allWorkDone(Connection db) throws Exception {
        return count(db, "SELECT count(*) FROM message WHERE provider_message_id LIKE 'CRASH%'") == (long) PHONES * PER_PHONE
                && count(db, "SELECT count(*) FROM inbox WHERE status IN ('pending', 'claimed')") == 0
                && count(db, "SELECT count(*) FROM kommo_outbox WHERE status IN ('pending', 'claimed')") == 0
                && count(db, "SELECT count(*) FROM stage_history WHERE status IN ('pending', 'claimed')") == 0
                && count(db, "SELECT count(*) FROM lead WHERE kommo_lead_id IS NULL") == 0;
    }

    private static long[] leadsPerPhone(Connection db) throws Exception {
        try (var statement = db.prepareStatement("""
                SELECT min(n), max(n) FROM (
                    SELECT l.phone_e164, count(DISTINCT lc.lead_id) AS n FROM lead l
                    JOIN kommo_sandbox.contact c ON substr(l.phone_e164, 2) = ANY(c.phone_digits)
                    JOIN kommo_sandbox.lead_contact lc ON lc.contact_id = c.id
                    GROUP BY l.phone_e164) per_phone""");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        }
    }

    private static long count(Connection db, String sql, Object... params) throws Exception {
        try (var statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
