package com.solarprime.integration.console;

import com.solarprime.integration.kommo.KommoGatewayState;
import com.solarprime.integration.kommo.KommoProperties;
import com.solarprime.integration.kommo.KommoThrottle;
import com.solarprime.integration.kommo.OAuthFlow;
import com.solarprime.integration.whatsapp.WhatsAppGateway;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What the overview page shows: the mode, Kommo, WhatsApp, health and the latest admin actions. */
@Component
public class ConsoleOverview {

    /**
     * @param account the connected account's subdomain, null when not connected
     * @param tokenType {@code oauth} or {@code long_lived}
     * @param expiresAt when the OAuth access token lapses (it is refreshed before), null for a long-lived token
     * @param blocked since when and why Kommo blocks the account, null while it does not
     * @param circuit the circuit breaker's state: CLOSED, OPEN, HALF_OPEN
     */
    public record Kommo(boolean connected, String account, String tokenType, Instant expiresAt,
                        KommoGatewayState.Block blocked, String circuit, KommoThrottle.BudgetUse budget) {
    }

    public record WhatsApp(String provider, WhatsAppSends.LastSend lastSend) {
    }

    public record HealthGroup(String name, String status, List<HealthItem> components) {
    }

    public record HealthItem(String name, String status) {
    }

    /** @param path digit runs of eight or more masked */
    public record Action(Instant at, String actor, String method, String path, int status) {
    }

    public record Overview(boolean sandbox, Kommo kommo, WhatsApp whatsapp, List<HealthGroup> health,
                           List<Action> actions) {
    }

    private final KommoProperties kommo;
    private final OAuthFlow oauth;
    private final KommoGatewayState gateway;
    private final CircuitBreaker breaker;
    private final KommoThrottle throttle;
    private final WhatsAppGateway whatsapp;
    private final WhatsAppSends sends;
    private final HealthEndpoint health;
    private final JdbcClient jdbc;
    private final ConsoleProperties console;

    public ConsoleOverview(KommoProperties kommo, OAuthFlow oauth, KommoGatewayState gateway,
                           CircuitBreaker kommoCircuitBreaker, KommoThrottle throttle, WhatsAppGateway whatsapp,
                           WhatsAppSends sends, HealthEndpoint health, JdbcClient jdbc, ConsoleProperties console) {
        this.kommo = kommo;
        this.oauth = oauth;
        this.gateway = gateway;
        this.breaker = kommoCircuitBreaker;
        this.throttle = throttle;
        this.whatsapp = whatsapp;
        this.sends = sends;
        this.health = health;
        this.jdbc = jdbc;
        this.console = console;
    }

    public Overview read() {
        return new Overview(kommo.effectiveMode() == KommoProperties.Mode.SANDBOX, kommo(),
                new WhatsApp(whatsapp.provider(), sends.last().orElse(null)),
                List.of(group("overall", health.health()), group("readiness", health.healthForPath("readiness")),
                        group("liveness", health.healthForPath("liveness"))),
                actions());
    }

    private Kommo kommo() {
        // The token itself never leaves the store: only whether there is one, its kind, expiry and account.
        Map<String, Object> status = oauth.status();
        Object expires = status.get("expiresAt");
        return new Kommo(Boolean.TRUE.equals(status.get("authenticated")), (String) status.get("account"),
                (String) status.get("tokenType"), expires == null ? null : Instant.parse(expires.toString()),
                gateway.block().orElse(null), breaker.getState().name(), throttle.lastMinute());
    }

    private static HealthGroup group(String name, HealthComponent component) {
        List<HealthItem> items = new ArrayList<>();
        if (component instanceof CompositeHealth composite && composite.getComponents() != null) {
            composite.getComponents().forEach((item, health) -> items.add(new HealthItem(item, health.getStatus().getCode())));
        }
        return new HealthGroup(name, Optional.ofNullable(component).map(c -> c.getStatus().getCode()).orElse("UNKNOWN"),
                items);
    }

    private List<Action> actions() {
        return jdbc.sql("SELECT at, actor, method, path, status FROM ops_audit ORDER BY id DESC LIMIT ?")
                .param(console.auditRows())
                .query((rs, n) -> new Action(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5)))
                .list();
    }
}
