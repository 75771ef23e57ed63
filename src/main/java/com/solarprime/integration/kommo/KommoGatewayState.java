package com.solarprime.integration.kommo;

import java.time.Instant;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The "blocked" state Kommo puts an account in after repeated 429s (every answer becomes an HTML 403).
 * Kept in PostgreSQL so that one instance seeing it stops all of them.
 */
@Component("kommoGatewayState")
public class KommoGatewayState {

    static final String PROBE = "kommoProbe";
    private static final Logger log = LoggerFactory.getLogger(KommoGatewayState.class);

    private final JdbcClient jdbc;
    private final KommoGatewayProperties gateway;

    public KommoGatewayState(JdbcClient jdbc, KommoGatewayProperties gateway, KommoMetrics metrics) {
        this.jdbc = jdbc;
        this.gateway = gateway;
        metrics.watchBlocked(this);
    }

    public record Block(Instant since, String reason) {
    }

    /** Refuses the call while blocked, except one probe per cool-down period. */
    public void admit(Exchange exchange) {
        Optional<Block> block = block();
        if (block.isEmpty()) {
            exchange.removeProperty(PROBE);
            return;
        }
        int claimed = jdbc.sql("""
                        UPDATE kommo_gateway SET probe_at = now() + make_interval(secs => :cooldown)
                        WHERE id = 1 AND blocked_at IS NOT NULL AND probe_at <= now()""")
                .param("cooldown", gateway.blockCooldown().toSeconds())
                .update();
        if (claimed == 0) {
            throw KommoException.blocked(block.get().reason());
        }
        exchange.setProperty(PROBE, true);
        log.warn("Kommo is blocked since {}; sending one probe call", block.get().since());
    }

    public Optional<Block> block() {
        return jdbc.sql("SELECT blocked_at, blocked_reason FROM kommo_gateway WHERE id = 1 AND blocked_at IS NOT NULL")
                .query((rs, n) -> new Block(rs.getTimestamp(1).toInstant(), rs.getString(2)))
                .optional();
    }

    public void enterBlocked(String reason) {
        int changed = jdbc.sql("""
                        UPDATE kommo_gateway SET blocked_at = now(), blocked_reason = :reason,
                            probe_at = now() + make_interval(secs => :cooldown)
                        WHERE id = 1 AND blocked_at IS NULL""")
                .param("reason", reason)
                .param("cooldown", gateway.blockCooldown().toSeconds())
                .update();
        if (changed > 0) {
            log.error("Kommo blocked this account ({}). No calls leave until an operator resets the block "
                    + "(POST /ops/kommo/unblock) or a probe succeeds after {}", reason, gateway.blockCooldown());
        }
    }

    /** Operator reset, or a successful probe. */
    public void clear() {
        int changed = jdbc.sql("UPDATE kommo_gateway SET blocked_at = NULL, blocked_reason = NULL, probe_at = NULL "
                + "WHERE id = 1 AND blocked_at IS NOT NULL").update();
        if (changed > 0) {
            log.warn("Kommo block cleared");
        }
    }
}
