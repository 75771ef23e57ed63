package com.solarprime.integration.sandbox.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxJson;
import com.solarprime.integration.sandbox.SandboxPaths;
import com.solarprime.integration.sandbox.gate.AccountBlock;
import com.solarprime.integration.sandbox.gate.CallStats;
import com.solarprime.integration.sandbox.gate.Faults;
import com.solarprime.integration.sandbox.gate.RateLimiter;
import com.solarprime.integration.sandbox.oauth.OAuthService;
import com.solarprime.integration.sandbox.store.Seeder;
import com.solarprime.integration.sandbox.webhook.DeliveryLog;
import com.solarprime.integration.sandbox.webhook.WebhookDispatcher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Controls for tests, benchmarks and demos (admin basic auth, enforced by the service's security
 * configuration): call statistics, injected failures and latency, the account block, webhook dropping,
 * token expiry and state resets. Every control answers with the sandbox's current state.
 */
@RestController
@RequestMapping(value = SandboxPaths.ADMIN, produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnSandbox
public class AdminController {

    private final CallStats stats;
    private final DeliveryLog deliveries;
    private final Faults faults;
    private final AccountBlock block;
    private final RateLimiter limiter;
    private final WebhookDispatcher webhooks;
    private final OAuthService oauth;
    private final Seeder seeder;

    public AdminController(CallStats stats, DeliveryLog deliveries, Faults faults, AccountBlock block,
                           RateLimiter limiter, WebhookDispatcher webhooks, OAuthService oauth, Seeder seeder) {
        this.stats = stats;
        this.deliveries = deliveries;
        this.faults = faults;
        this.block = block;
        this.limiter = limiter;
        this.webhooks = webhooks;
        this.oauth = oauth;
        this.seeder = seeder;
    }

    @GetMapping
    public String state() {
        ObjectNode state = SandboxJson.object()
                .put("blocked", block.isBlocked())
                .put("recent_429s", block.recentRefusals())
                .put("fail_next", faults.pendingFailures())
                .put("latency_ms", faults.latencyMs())
                .put("drop_webhooks", webhooks.isDropping())
                .put("drop_ratio", webhooks.dropRatio());
        return SandboxJson.write(state);
    }

    /** Calls by {@code METHOD /path/{id}} (all received and 2xx only), by status, 429s, and webhook outcomes. */
    @GetMapping("/stats")
    public String stats() {
        ObjectNode snapshot = stats.snapshot();
        snapshot.set("webhooks", deliveries.counters());
        return SandboxJson.write(snapshot);
    }

    @PostMapping("/stats/reset")
    public String resetStats() {
        stats.reset();
        deliveries.reset();
        return stats();
    }

    /** {@code {"count": N, "status": 500}}: the next N API calls fail with that status (500 by default). */
    @PostMapping("/faults/fail-next")
    public String failNext(@RequestBody(required = false) String body) {
        JsonNode json = json(body);
        int status = json.path("status").asInt(500);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status");
        }
        faults.failNext(json.path("count").asInt(1), status);
        return state();
    }

    /** {@code {"ms": N}}: added to every API and token call. */
    @PostMapping("/faults/latency")
    public String latency(@RequestBody(required = false) String body) {
        faults.latency(json(body).path("ms").asLong(0));
        return state();
    }

    @PostMapping("/faults/clear")
    public String clearFaults() {
        faults.clear();
        return state();
    }

    @PostMapping("/block")
    public String block() {
        block.block();
        return state();
    }

    /** Lifts a block (forced or earned by 429s) and forgets the 429s counted towards the next one. */
    @PostMapping("/unblock")
    public String unblock() {
        block.unblock();
        limiter.clear();
        return state();
    }

    /**
     * {@code {"drop": true}}: deliveries are silently lost until switched back; with {@code "ratio": 0.3} each delivery
     * is lost with that probability (Kommo loses some, not all).
     */
    @PostMapping("/webhooks/drop")
    public String dropWebhooks(@RequestBody(required = false) String body) {
        JsonNode request = json(body);
        webhooks.drop(request.path("drop").asBoolean(true), request.path("ratio").asDouble(1));
        return state();
    }

    @GetMapping("/webhooks/deliveries")
    public String deliveries() {
        return SandboxJson.write(deliveries.recent());
    }

    /** Every access token ends now: the next API call with one answers 401 and the client must refresh. */
    @PostMapping("/oauth/expire-access-tokens")
    public String expireAccessTokens() {
        return SandboxJson.write(SandboxJson.object().put("expired", oauth.expireAccessTokens()));
    }

    /** The next authorization redirects with {@code error=access_denied}, as when the user refuses. */
    @PostMapping("/oauth/deny-next")
    public String denyNext() {
        oauth.denyNextAuthorization();
        return state();
    }

    /**
     * {@code scope=data} (default) empties leads, contacts, notes, tasks, events and tags; {@code scope=all}
     * returns to a fresh account (pipelines, fields, webhooks and tokens too). Both clear faults, the block,
     * rate windows and statistics.
     */
    @PostMapping("/reset")
    public String reset(@RequestParam(defaultValue = "data") String scope) {
        if ("all".equals(scope)) {
            seeder.resetAll();
        } else if ("data".equals(scope)) {
            seeder.resetData();
        } else {
            throw new IllegalArgumentException("scope must be data or all");
        }
        faults.clear();
        block.unblock();
        limiter.clear();
        webhooks.clearFailures();
        stats.reset();
        deliveries.reset();
        return state();
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<String> badRequest(IllegalArgumentException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_JSON)
                .body(SandboxJson.write(SandboxJson.object().put("error", e.getMessage())));
    }

    private static JsonNode json(String body) {
        if (body == null || body.isBlank()) {
            return SandboxJson.object();
        }
        try {
            return SandboxJson.parse(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body is not valid JSON");
        }
    }
}
