package com.solarprime.integration.sandbox.webhook;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxProperties;
import com.solarprime.integration.sandbox.crm.Change;
import com.solarprime.integration.sandbox.crm.ChangeListener;
import com.solarprime.integration.sandbox.store.Webhook;
import com.solarprime.integration.sandbox.store.WebhookStore;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers committed changes to the registered webhooks as Kommo does: form-encoded, off the caller's
 * thread, a 2-second answer window, 100–299 counted as success, retries on Kommo's schedule (about 5 min,
 * 15 min, 15 min, 1 h; shortened by configuration in tests), and a webhook with more than 100 failures
 * within 2 hours disabled. The {@code drop} switch loses deliveries on purpose, to exercise reconciliation.
 * Pending retries live in memory, as lost deliveries are part of what the sandbox emulates.
 */
@Component
@ConditionalOnSandbox
public class WebhookDispatcher implements ChangeListener {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int DISABLE_AFTER_FAILURES = 100;
    private static final long FAILURE_WINDOW_NANOS = TimeUnit.HOURS.toNanos(2);

    private final SandboxProperties props;
    private final WebhookStore webhooks;
    private final DeliveryLog deliveries;
    /** The share of deliveries lost on purpose: 0 none, 1 every one. */
    private volatile double dropRatio;
    private final HttpClient client;
    private final ScheduledExecutorService scheduler;
    private final Map<Long, Deque<Long>> failures = new ConcurrentHashMap<>();

    public WebhookDispatcher(SandboxProperties props, WebhookStore webhooks, DeliveryLog deliveries) {
        this.props = props;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.dropRatio = props.dropWebhooks() ? 1 : 0;
        this.client = HttpClient.newBuilder()
                .connectTimeout(props.webhookTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "kommo-sandbox-webhooks");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void committed(List<Change> changes) {
        for (Webhook webhook : webhooks.all()) {
            if (webhook.disabled()) {
                continue;
            }
            FormBody body = WebhookPayload.build(changes, webhook.settings(), props.account());
            if (body != null) {
                String encoded = body.encode();
                scheduler.execute(() -> attempt(webhook, encoded, 1));
            }
        }
    }

    public boolean isDropping() {
        return dropRatio > 0;
    }

    public double dropRatio() {
        return dropRatio;
    }

    /** Drops every delivery, none, or (with a ratio between 0 and 1) each one with that probability. */
    public void drop(boolean drop, double ratio) {
        if (ratio < 0 || ratio > 1 || Double.isNaN(ratio)) {
            throw new IllegalArgumentException("ratio must be between 0 and 1");
        }
        dropRatio = drop ? ratio : 0;
    }

    /** Forgets failure counts (a reset); pending retries still run. */
    public void clearFailures() {
        failures.clear();
        dropRatio = props.dropWebhooks() ? 1 : 0;
    }

    private void attempt(Webhook webhook, String body, int attempt) {
        double ratio = dropRatio;
        if (ratio >= 1 || (ratio > 0 && ThreadLocalRandom.current().nextDouble() < ratio)) {
            deliveries.dropped(webhook.destination());
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhook.destination()))
                .timeout(props.webhookTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "amoCRM-Webhooks/3.0")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            int status = response == null ? 0 : response.statusCode();
            if (error == null && status >= 100 && status < 300) {
                deliveries.attempt(webhook.destination(), attempt, "HTTP " + status, true);
                return;
            }
            String outcome = error != null ? error.getClass().getSimpleName() : "HTTP " + status;
            deliveries.attempt(webhook.destination(), attempt, outcome, false);
            failed(webhook, body, attempt, outcome);
        });
    }

    private void failed(Webhook webhook, String body, int attempt, String outcome) {
        if (countFailure(webhook.id())) {
            webhooks.disable(webhook.id());
            log.warn("Kommo sandbox disabled the webhook to {} after {} failed deliveries within 2 hours",
                    host(webhook), DISABLE_AFTER_FAILURES);
            return;
        }
        List<Duration> delays = props.webhookRetryDelays();
        if (attempt > delays.size()) {
            deliveries.abandoned(webhook.destination(), attempt);
            log.info("Kommo sandbox gave up a webhook delivery to {} after {} attempts ({})", host(webhook), attempt, outcome);
            return;
        }
        Duration delay = delays.get(attempt - 1);
        log.info("Kommo sandbox webhook delivery to {} failed ({}); retry {} in {}", host(webhook), outcome, attempt, delay);
        scheduler.schedule(() -> attempt(webhook, body, attempt + 1), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True when this failure pushes the webhook over Kommo's limit. */
    private boolean countFailure(long webhookId) {
        long now = System.nanoTime();
        Deque<Long> recent = failures.computeIfAbsent(webhookId, id -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(now);
            while (!recent.isEmpty() && now - recent.peekFirst() > FAILURE_WINDOW_NANOS) {
                recent.pollFirst();
            }
            return recent.size() > DISABLE_AFTER_FAILURES;
        }
    }

    /** Destinations carry a secret in their path: logs name the host only. */
    private static String host(Webhook webhook) {
        URI uri = URI.create(webhook.destination());
        return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
