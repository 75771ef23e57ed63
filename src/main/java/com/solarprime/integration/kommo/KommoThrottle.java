package com.solarprime.integration.kommo;

import com.solarprime.integration.config.KommoGatewayProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The request budget shared by every instance: one row holds the next free slot, and each call reserves
 * the slot after it, so requests leave spaced by {@code 1 / requests-per-second} whichever instance sends them.
 * The database clock is the only clock involved.
 */
@Component("kommoThrottle")
public class KommoThrottle {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final double spacingSeconds;
    private final KommoMetrics metrics;

    public KommoThrottle(JdbcClient jdbc, PlatformTransactionManager transactions, KommoGatewayProperties gateway,
                         KommoMetrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.spacingSeconds = 1.0 / gateway.requestsPerSecond();
        // Never inside a caller's transaction: the slot row must not stay locked while that transaction works.
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public void acquire() throws InterruptedException {
        Long waitMicros = ownTransaction.execute(status -> jdbc.sql("""
                        UPDATE kommo_gateway
                        SET next_slot = GREATEST(next_slot, clock_timestamp()) + make_interval(secs => :spacing)
                        WHERE id = 1
                        RETURNING (EXTRACT(EPOCH FROM (next_slot - clock_timestamp())) * 1000000)::bigint
                            - (:spacing * 1000000)::bigint""")
                .param("spacing", spacingSeconds)
                .query(Long.class).single());
        long wait = Math.max(0, waitMicros == null ? 0 : waitMicros);
        metrics.throttleWait(wait);
        if (wait > 0) {
            Thread.sleep(wait / 1000, (int) (wait % 1000) * 1000);
        }
    }
}
