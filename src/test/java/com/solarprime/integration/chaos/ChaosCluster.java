package com.solarprime.integration.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.support.AppProcess;
import com.solarprime.integration.support.RoundRobinProxy;
import com.solarprime.integration.support.StubServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The deployment the chaos suite breaks: one PostgreSQL server owned by the test (restartable on the same data
 * directory and port), Kommo as a separate process of the built jar in its default sandbox mode (with its own
 * embedded database, so it outlives the instances and is faulted through its {@code _admin} controls), two
 * instances of the jar in live Kommo mode on that PostgreSQL behind a round-robin load balancer, and a loopback
 * stand-in for Evolution that records every WhatsApp send.
 *
 * <p>The Kommo process is itself a whole service: it is given nothing to do (no WhatsApp webhooks reach it, it has
 * no Kommo webhooks registered to itself) and connects to its own sandbox with the long-lived token, so that its
 * OAuth traffic never mixes with the instances'.
 *
 * <p>Every secret is generated per run and remembered here, for the log scan.
 */
final class ChaosCluster implements AutoCloseable {

    static final boolean FULL = Boolean.getBoolean("chaos.full");
    static final String ADMIN_USER = "chaos-admin";
    /** The instances' Kommo response timeout (default 30 s): the outage's slow phase exceeds it. */
    static final int KOMMO_TIMEOUT_MS = 3000;
    static final ObjectMapper JSON = new ObjectMapper();

    final String adminPassword = secret("adm");
    final String apiKey = secret("key");
    final String kommoWebhookSecret = secret("kwh");
    final String evolutionWebhookSecret = secret("ewh");
    final String evolutionApiKey = secret("evk");
    final String sandboxClientSecret = secret("scs");
    final String sandboxLongLivedToken = secret("llt");
    final String tokenEncryptionKey = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));

    final Path folder;
    final int dbPort;
    final int kommoDbPort;
    private EmbeddedPostgres postgres;
    AppProcess kommo;
    StubServer evolution;
    RoundRobinProxy balancer;
    final AppProcess[] apps = new AppProcess[2];
    private final int[] appPorts = new int[2];
    private final AtomicLong evolutionIds = new AtomicLong();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    ChaosCluster(Path folder) throws Exception {
        this.folder = folder;
        dbPort = AppProcess.freePort();
        kommoDbPort = AppProcess.freePort();
        appPorts[0] = AppProcess.freePort();
        appPorts[1] = AppProcess.freePort();
        try {
            start();
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private void start() throws Exception {
        startDatabase();
        evolution = new StubServer();
        evolution.on("POST /message/sendText/chaos", request -> StubServer.Reply.json(201,
                "{\"key\":{\"remoteJid\":\"x\",\"fromMe\":true,\"id\":\"EVO" + evolutionIds.incrementAndGet() + "\"},\"status\":\"PENDING\"}"));
        balancer = new RoundRobinProxy(AppProcess.freePort());
        balancer.backends(List.of("http://localhost:" + appPorts[0], "http://localhost:" + appPorts[1]));
        kommo = AppProcess.start(folder.resolve("kommo"), kommoEnv(), "--solarprime.sandbox.webhook-retry-delays=2s,3s,5s,10s",
                // The fuzz sends the sandbox's API far more than 7 requests a second with its own token: the 429s are
                // answered, but the account is not blocked for the instances, whose own token the fuzz does not touch.
                "--solarprime.sandbox.block-after-429s=1000000");
        CompletableFuture<?> first = CompletableFuture.runAsync(() -> startApp(0));
        CompletableFuture<?> second = CompletableFuture.runAsync(() -> startApp(1));
        kommo.awaitReady(Duration.ofSeconds(240));
        first.join();
        second.join();
        connectKommo();
    }

    static int size(int shortRun, int fullRun) {
        return FULL ? fullRun : shortRun;
    }

    // ---- processes

    private void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().setDataDirectory(folder.resolve("postgres")).setCleanDataDirectory(false)
                .setPort(dbPort).setRegisterShutdownHook(true).setServerConfig("max_connections", "300").start();
    }

    void stopDatabase() throws IOException {
        postgres.close();
    }

    void startDatabaseAgain() throws IOException {
        startDatabase();
    }

    void startApp(int index) {
        apps[index] = AppProcess.start(folder.resolve("app" + index), appPorts[index], appEnv(),
                // Automated messages go out at any hour, so the run does not depend on the time of day.
                "--solarprime.business-hours.open=00:00", "--solarprime.business-hours.close=23:59",
                "--solarprime.business-hours.days=MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY,SATURDAY,SUNDAY",
                "--solarprime.business-hours.holidays=false",
                // A killed instance's claims are released after this (default 30 s).
                "--solarprime.work.heartbeat-interval=2s", "--solarprime.work.instance-timeout=10s",
                "--solarprime.kommo.gateway.response-timeout=" + KOMMO_TIMEOUT_MS,
                "--solarprime.kommo.events.reconcile-interval=" + (FULL ? 20000 : 10000))
                .awaitReady(Duration.ofSeconds(240));
    }

    private Map<String, String> common() {
        Map<String, String> env = new HashMap<>();
        env.put("ADMIN_USER", ADMIN_USER);
        env.put("ADMIN_PASSWORD", adminPassword);
        env.put("INTEGRATION_API_KEY", apiKey);
        env.put("TOKEN_ENCRYPTION_KEY", tokenEncryptionKey);
        env.put("DB_POOL_SIZE", "10");
        env.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        return env;
    }

    private Map<String, String> kommoEnv() {
        Map<String, String> env = common();
        env.put("KOMMO_MODE", "sandbox");
        env.put("EMBEDDED_DB_PORT", String.valueOf(kommoDbPort));
        env.put("SANDBOX_CLIENT_SECRET", sandboxClientSecret);
        env.put("SANDBOX_LONG_LIVED_TOKEN", sandboxLongLivedToken);
        env.put("KOMMO_LONG_LIVED_TOKEN", sandboxLongLivedToken);
        return env;
    }

    private Map<String, String> appEnv() {
        Map<String, String> env = common();
        env.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:" + dbPort + "/postgres");
        env.put("SPRING_DATASOURCE_USERNAME", "postgres");
        env.put("SPRING_DATASOURCE_PASSWORD", "");
        env.put("KOMMO_MODE", "live");
        env.put("KOMMO_SUBDOMAIN", "solarprime");
        env.put("KOMMO_BASE_URL", kommo() + "/sandbox/kommo");
        env.put("KOMMO_AUTHORIZE_URL", kommo() + "/sandbox/kommo/oauth");
        env.put("KOMMO_CLIENT_ID", "sandbox");
        env.put("KOMMO_CLIENT_SECRET", sandboxClientSecret);
        env.put("KOMMO_REDIRECT_URI", balancer.url() + "/auth/callback");
        env.put("KOMMO_WEBHOOK_SECRET", kommoWebhookSecret);
        env.put("PUBLIC_BASE_URL", balancer.url());
        env.put("WHATSAPP_PROVIDER", "evolution");
        env.put("EVOLUTION_BASE_URL", evolution.url());
        env.put("EVOLUTION_INSTANCE", "chaos");
        env.put("EVOLUTION_API_KEY", evolutionApiKey);
        env.put("EVOLUTION_WEBHOOK_SECRET", evolutionWebhookSecret);
        return env;
    }

    String kommo() {
        return kommo.base();
    }

    String lb() {
        return balancer.url();
    }

    /** Every secret the run configured or was given, for the log scan. */
    Map<String, String> secrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("ADMIN_PASSWORD", adminPassword);
        secrets.put("INTEGRATION_API_KEY", apiKey);
        secrets.put("KOMMO_WEBHOOK_SECRET", kommoWebhookSecret);
        secrets.put("EVOLUTION_WEBHOOK_SECRET", evolutionWebhookSecret);
        secrets.put("EVOLUTION_API_KEY", evolutionApiKey);
        secrets.put("SANDBOX_CLIENT_SECRET", sandboxClientSecret);
        secrets.put("SANDBOX_LONG_LIVED_TOKEN", sandboxLongLivedToken);
        secrets.put("TOKEN_ENCRYPTION_KEY", tokenEncryptionKey);
        return secrets;
    }

    List<Path> logs() {
        List<Path> logs = new ArrayList<>(List.of(kommo.log()));
        for (AppProcess app : apps) {
            logs.add(app.log());
        }
        return logs;
    }

    /**
     * The operator's first steps, through the load balancer: connect Kommo through the real OAuth flow (the test plays
     * the browser), provision the account, register the webhooks at the balancer's address.
     */
    private void connectKommo() throws Exception {
        HttpResponse<String> consent = send(admin(HttpRequest.newBuilder(URI.create(lb() + "/auth/kommo"))).GET().build());
        String authorize = consent.headers().firstValue("Location").orElseThrow(() ->
                new IllegalStateException("/auth/kommo answered " + consent.statusCode() + ": " + consent.body()));
        HttpResponse<String> approved = send(HttpRequest.newBuilder(URI.create(authorize)).GET().build());
        String callback = approved.headers().firstValue("Location").orElseThrow(() ->
                new IllegalStateException("the authorize page answered " + approved.statusCode()));
        HttpResponse<String> landed = send(HttpRequest.newBuilder(URI.create(callback)).GET().build());
        if (landed.statusCode() != 200) {
            throw new IllegalStateException("the OAuth callback answered " + landed.statusCode() + ": " + landed.body());
        }
        for (String command : List.of("provision", "register-webhooks")) {
            HttpResponse<String> done = opsPost("/ops/kommo/" + command);
            if (done.statusCode() != 200) {
                throw new IllegalStateException(command + " answered " + done.statusCode() + ": " + done.body());
            }
        }
    }

    // ---- HTTP

    HttpRequest.Builder admin(HttpRequest.Builder request) {
        return request.header("Authorization", basic(ADMIN_USER, adminPassword)).header("X-Requested-By", "chaos")
                .timeout(Duration.ofSeconds(60));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> opsPost(String path) throws Exception {
        return send(admin(HttpRequest.newBuilder(URI.create(lb() + path))).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A call to the Kommo process's sandbox API with the long-lived token, as a person's tools would make it. */
    JsonNode kommoApi(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(kommo() + "/sandbox/kommo/api/v4" + path))
                .header("Authorization", "Bearer " + sandboxLongLivedToken).timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> answer = send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build());
        if (answer.statusCode() == 429) {
            Thread.sleep(1000);
            return kommoApi(method, path, body);
        }
        if (answer.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body().isEmpty() ? null : JSON.readTree(answer.body());
    }

    /** A control of the Kommo process's sandbox ({@code _admin}), answering its JSON. */
    JsonNode kommoAdmin(String method, String path, String body) throws Exception {
        HttpResponse<String> answer = send(admin(HttpRequest.newBuilder(URI.create(kommo() + "/sandbox/kommo/_admin" + path)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(method + " _admin" + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    /** The id of a status of the SolarPrime pipeline in the Kommo process, by name. */
    long[] pipelineAndStatus(String statusName) throws Exception {
        for (JsonNode pipeline : kommoApi("GET", "/leads/pipelines", null).path("_embedded").path("pipelines")) {
            if ("SolarPrime".equals(pipeline.path("name").asText())) {
                for (JsonNode status : pipeline.path("_embedded").path("statuses")) {
                    if (statusName.equals(status.path("name").asText())) {
                        return new long[] {pipeline.path("id").asLong(), status.path("id").asLong()};
                    }
                }
            }
        }
        throw new IllegalStateException("no status " + statusName + " in the SolarPrime pipeline");
    }

    // ---- databases

    Connection db() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/postgres", "postgres", "");
    }

    Connection kommoDb() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + kommoDbPort + "/postgres", "postgres", "");
    }

    static long count(Connection db, String sql, Object... params) throws SQLException {
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

    /** Polls until the condition holds; fails after the (generous) timeout, which is a hang guard, not a figure. */
    static void await(String what, Duration timeout, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }

    private static String secret(String kind) {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return "chaos" + kind + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        for (AppProcess app : apps) {
            if (app != null) {
                app.close();
            }
        }
        if (kommo != null) {
            kommo.close();
        }
        if (balancer != null) {
            balancer.close();
        }
        if (evolution != null) {
            evolution.close();
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException ignored) {
            // The folder is deleted with the test's temporary directory.
        }
        copyLogs();
    }

    /** The run's logs are kept in target/chaos-logs for a look after a failure. */
    private void copyLogs() {
        try {
            Path target = Path.of("target", "chaos-logs");
            Files.createDirectories(target);
            Files.copy(folder.resolve("kommo/app.log"), target.resolve("kommo.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            for (int i = 0; i < apps.length; i++) {
                Files.copy(folder.resolve("app" + i + "/app.log"), target.resolve("app" + i + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException ignored) {
            // Only a convenience.
        }
    }
}
