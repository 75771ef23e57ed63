package com.solarprime.integration.kommo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.Application;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import com.solarprime.integration.support.KommoFixtures;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Two instances of the service on one database, both calling the same Kommo (the first instance's sandbox):
 * the request budget and the token refresh are shared, not per JVM, and no transaction waits for Kommo. The budget is 5 here rather than the
 * default 6: on a loaded 2-core CI machine a request delayed by scheduling can bunch with the next ones, and
 * the extra request of margin keeps such jitter from reading as a budget overrun.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "solarprime.kommo.gateway.requests-per-second=5")
class KommoTwoInstancesTest {

    @LocalServerPort
    int port;
    @Autowired
    HikariDataSource dataSource;
    @Autowired
    KommoClient first;
    @Autowired
    KommoTokenStore firstTokens;
    @Autowired
    MeterRegistry firstMeters;

    @Autowired
    AccountMap map;
    @Autowired
    JdbcClient jdbc;

    ConfigurableApplicationContext second;
    KommoFixtures sandbox;
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void startSecondInstance() {
        sandbox = new KommoFixtures(first, map, new Http(port));
        second = new SpringApplicationBuilder(Application.class).profiles("test").run(
                "--server.port=0",
                "--spring.datasource.url=" + dataSource.getJdbcUrl(),
                "--spring.datasource.username=postgres",
                "--solarprime.kommo.mode=sandbox",
                "--solarprime.kommo.gateway.requests-per-second=5",
                "--solarprime.kommo.base-url=http://localhost:" + port + "/sandbox/kommo");
    }

    @AfterAll
    void stopSecondInstance() {
        second.close();
    }

    @Test
    void hundredConcurrentCallsFromTwoInstancesStayWithinTheBudget() throws Exception {
        KommoClient secondClient = second.getBean(KommoClient.class);
        double tooManyBefore = tooMany(firstMeters) + tooMany(second.getBean(MeterRegistry.class));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Callable<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            KommoClient client = i % 2 == 0 ? first : secondClient;
            calls.add(() -> client.call(KommoRequest.get("/api/v4/leads/pipelines")));
        }
        long started = System.nanoTime();
        List<Future<Object>> results = pool.invokeAll(calls);
        for (Future<Object> result : results) {
            assertThat(result.get()).isNotNull();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        pool.shutdown();

        double rate = 100 / (elapsed.toMillis() / 1000.0);
        System.out.printf("100 calls from two instances in %d ms: %.2f requests/s (shared budget 5)%n", elapsed.toMillis(), rate);
        assertThat(tooMany(firstMeters) + tooMany(second.getBean(MeterRegistry.class))).isEqualTo(tooManyBefore);
        assertThat(rate).as("two instances together, not 5 each").isLessThanOrEqualTo(5.2);
    }

    @Test
    void twoInstancesRacingToRefreshRefreshOnce() throws Exception {
        KommoTokenStore secondTokens = second.getBean(KommoTokenStore.class);
        String stale = firstTokens.stored().orElseThrow().accessToken();
        double grantsBefore = grants(firstMeters) + grants(second.getBean(MeterRegistry.class));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<KommoToken>> racers = List.of(
                pool.submit(() -> firstTokens.refresh(stale)), pool.submit(() -> secondTokens.refresh(stale)),
                pool.submit(() -> firstTokens.refresh(stale)), pool.submit(() -> secondTokens.refresh(stale)));
        List<String> results = new ArrayList<>();
        for (Future<KommoToken> racer : racers) {
            results.add(racer.get().accessToken());
        }
        pool.shutdown();

        assertThat(results).doesNotContain(stale).containsOnly(results.get(0));
        assertThat(grants(firstMeters) + grants(second.getBean(MeterRegistry.class))).isEqualTo(grantsBefore + 1);
        assertThat(first.call(KommoRequest.get("/api/v4/account"))).isNotNull();
        assertThat(second.getBean(KommoClient.class).call(KommoRequest.get("/api/v4/account"))).isNotNull();
    }

    @Test
    void callersOfTwoInstancesMeetingAnExpiredTokenGetItRefreshedOnce() throws Exception {
        KommoClient secondClient = second.getBean(KommoClient.class);
        KommoTokenStore secondTokens = second.getBean(KommoTokenStore.class);
        String stale = firstTokens.stored().orElseThrow().accessToken();
        JsonNode before = sandboxStats();
        sandbox.admin("/oauth/expire-access-tokens", "{}");
        // Slow answers keep the one grant in flight while the other callers meet their 401s and wait for it.
        sandbox.admin("/faults/latency", "{\"ms\":700}");
        List<JsonNode> answers = new ArrayList<>();
        try {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<JsonNode>> callers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                KommoClient client = i % 2 == 0 ? first : secondClient;
                callers.add(pool.submit(() -> {
                    start.await();
                    return client.call(KommoRequest.get("/api/v4/account"));
                }));
            }
            start.countDown();
            for (Future<JsonNode> caller : callers) {
                answers.add(caller.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();
        } finally {
            sandbox.admin("/faults/latency", "{\"ms\":0}");
        }

        assertThat(answers).hasSize(8).allSatisfy(account -> assertThat(account.path("id").asLong()).isPositive());
        JsonNode after = sandboxStats();
        assertThat(grantCalls(after, "calls") - grantCalls(before, "calls")).as("grants that reached Kommo").isEqualTo(1);
        assertThat(grantCalls(after, "succeeded") - grantCalls(before, "succeeded"))
                .as("no grant refused, e.g. with a revoked refresh token").isEqualTo(1);
        String fresh = firstTokens.stored().orElseThrow().accessToken();
        assertThat(fresh).isNotEqualTo(stale);
        assertThat(firstTokens.accessToken()).isEqualTo(fresh);
        assertThat(secondTokens.accessToken()).isEqualTo(fresh);
    }

    @Test
    void noTransactionIsOpenWhileTheGrantIsInFlight() throws Exception {
        KommoTokenStore secondTokens = second.getBean(KommoTokenStore.class);
        String stale = firstTokens.stored().orElseThrow().accessToken();
        double grantsBefore = grantCalls(sandboxStats(), "calls");
        sandbox.admin("/faults/latency", "{\"ms\":5000}");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<KommoToken> refreshing = pool.submit(() -> firstTokens.refresh(stale));
            Future<KommoToken> waiting = pool.submit(() -> secondTokens.refresh(stale));
            Thread.sleep(1000);
            for (int look = 0; look < 10; look++) {
                assertThat(longTransactions()).as("sessions idle in a transaction older than 500 ms").isEmpty();
                assertThat(jdbc.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'").query(Long.class).single())
                        .isZero();
                Thread.sleep(100);
            }
            assertThat(grantCalls(sandboxStats(), "calls")).as("the grant was still in flight").isEqualTo(grantsBefore);
            assertThat(refreshing.isDone()).isFalse();

            String fresh = refreshing.get(30, TimeUnit.SECONDS).accessToken();
            assertThat(fresh).isNotEqualTo(stale);
            assertThat(waiting.get(30, TimeUnit.SECONDS).accessToken()).isEqualTo(fresh);
        } finally {
            sandbox.admin("/faults/latency", "{\"ms\":0}");
            pool.shutdownNow();
        }
    }

    /** Transactions of this database's sessions, other than ours, that sit idle for longer than a statement takes. */
    private List<String> longTransactions() {
        return jdbc.sql("""
                        SELECT pid || ': ' || state || ' since ' || xact_start || ': ' || left(query, 80)
                        FROM pg_stat_activity
                        WHERE datname = current_database() AND pid <> pg_backend_pid()
                          AND state LIKE 'idle in transaction%'
                          AND xact_start < clock_timestamp() - interval '500 milliseconds'""")
                .query(String.class).list();
    }

    private JsonNode sandboxStats() throws Exception {
        return json.readTree(sandbox.admin("/stats"));
    }

    private static double grantCalls(JsonNode stats, String kind) {
        return stats.path(kind).path("POST /oauth2/access_token").asDouble(0);
    }

    private static double tooMany(MeterRegistry meters) {
        return meters.find("kommo.api.calls").tag("status", "429").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static double grants(MeterRegistry meters) {
        return meters.find("kommo.api.calls").tag("path", "/oauth2/access_token").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
