package com.solarprime.integration.kommo;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.support.IntegrationTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * What the route machinery costs, in one run on loopback with 16 connections: a request Spring Security refuses
 * (no Camel), the in-app refusing route (a wrong webhook secret: platform-http, one check, 401), a bare route
 * answering a constant, and the durable Kommo webhook (stored, committed with fsync, 200). Goals: the refusing
 * route at least 0.5x the Spring Security path, the durable webhook at least 0.5x the refusing route, its p99 at
 * most 50 ms, every accepted delivery durable. The load comes from wrk when it is installed (Debian package
 * {@code wrk}), else from an in-process client, whose own overhead then dominates the latency.
 */
@Tag("bench")
@IntegrationTest
@TestPropertySource(properties = "solarprime.kommo.webhook-secret=bench-secret")
class WebhookIngestionBenchmark {

    static final int CLIENTS = 16;
    static final Duration WARM_UP = Duration.ofSeconds(5);
    static final Duration MEASURE = Duration.ofSeconds(15);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CamelContext camel;

    final AtomicLong sequence = new AtomicLong(1_000_000);

    @Test
    void ingestionVersusBareEndpoint() throws Exception {
        camel.getRouteController().stopRoute("inbox-worker");
        boolean wrk = Files.isExecutable(Path.of(WRK));
        System.out.println("BENCH webhook-ingestion load generator: " + (wrk ? "wrk" : "in-process Java HTTP client (install wrk for figures closer to the server's own)"));
        Result security = warmedUp("/api/leads/x", wrk);
        Result refusing = warmedUp("/webhooks/kommo/wrong-secret", wrk);
        Result bare = warmedUp("/bench/bare/bench-secret", wrk);
        measure("/webhooks/kommo/bench-secret", WARM_UP, wrk);
        long storedBefore = jdbc.sql("SELECT count(*) FROM inbox WHERE source = 'kommo'").query(Long.class).single();
        Result ours = measure("/webhooks/kommo/bench-secret", MEASURE, wrk);
        long stored = jdbc.sql("SELECT count(*) FROM inbox WHERE source = 'kommo'").query(Long.class).single() - storedBefore;

        System.out.printf("BENCH route-overhead: Spring Security refusal %.0f req/s (p99 %.1f ms); refusing route %.0f req/s "
                        + "(p99 %.1f ms) = %.2f of it (goal >= 0.5); bare route %.0f req/s (p99 %.1f ms)%n",
                security.perSecond(), security.p99Millis(), refusing.perSecond(), refusing.p99Millis(),
                refusing.perSecond() / security.perSecond(), bare.perSecond(), bare.p99Millis());
        System.out.printf("BENCH webhook-ingestion: durable webhook %.0f req/s = %.2f of the refusing route (goal >= 0.5); "
                        + "p99 %.1f ms (goal <= 50 ms); accepted %d, durable %d%n",
                ours.perSecond(), ours.perSecond() / refusing.perSecond(), ours.p99Millis(), ours.ok(), stored);
        // Requests still in flight when the load stops may be stored without being counted as answered.
        assertThat(stored).as("every accepted delivery is in the inbox").isGreaterThanOrEqualTo(ours.ok());
        assertThat(ours.failed()).isZero();
    }

    record Result(long ok, long failed, double perSecond, double p99Millis) {
    }

    private Result warmedUp(String path, boolean wrk) throws Exception {
        measure(path, WARM_UP, wrk);
        return measure(path, MEASURE, wrk);
    }

    static final String WRK = "/usr/bin/wrk";

    private Result measure(String path, Duration duration, boolean wrk) throws Exception {
        return wrk ? wrk(path, duration) : run(path, duration);
    }

    /** wrk in its own process (Debian package {@code wrk}): the load generator does not share the server's JVM. */
    private Result wrk(String path, Duration duration) throws Exception {
        Path script = Files.createTempFile("kommo-status", ".lua");
        try (var in = getClass().getResourceAsStream("/bench/kommo-status.lua")) {
            Files.write(script, in.readAllBytes());
        }
        Process process = new ProcessBuilder(WRK, "-t2", "-c" + CLIENTS, "-d" + duration.toSeconds() + "s", "--latency",
                "-s", script.toString(), "http://127.0.0.1:" + port + path, "--",
                String.valueOf(sequence.addAndGet(1_000_000_000L))).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        process.waitFor();
        long requests = Long.parseLong(find(out, "(\\d+) requests in"));
        long errors = out.contains("Non-2xx or 3xx responses:") ? Long.parseLong(find(out, "Non-2xx or 3xx responses: (\\d+)")) : 0;
        double p99 = millis(find(out, "99%\\s+([\\d.]+\\w+)"));
        return new Result(requests - errors, errors, Double.parseDouble(find(out, "Requests/sec:\\s+([\\d.]+)")), p99);
    }

    private static String find(String text, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("wrk output without " + regex + ":\n" + text);
        }
        return m.group(1);
    }

    private static double millis(String value) {
        double number = Double.parseDouble(value.replaceAll("[a-z]+$", ""));
        return value.endsWith("us") ? number / 1000 : value.endsWith("ms") ? number : number * 1000;
    }

    private Result run(String path, Duration duration) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        URI uri = URI.create("http://localhost:" + port + path);
        for (int i = 0; i < CLIENTS; i++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long lead = sequence.incrementAndGet();
                    String body = "leads[status][0][id]=" + lead + "&leads[status][0][status_id]=142"
                            + "&leads[status][0][pipeline_id]=1&leads[status][0][old_status_id]=2"
                            + "&account[subdomain]=solarprime&account[id]=31000001";
                    HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long started = System.nanoTime();
                    try {
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        latencies.add(System.nanoTime() - started);
                        (response.statusCode() == 200 ? ok : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 30, TimeUnit.SECONDS);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * 0.99)) / 1e6;
        return new Result(ok.get(), failed.get(), ok.get() / (double) duration.toSeconds(), p99);
    }
}
