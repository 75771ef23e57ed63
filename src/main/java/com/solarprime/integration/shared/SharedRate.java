package com.solarprime.integration.shared;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A request budget shared by every instance through one row of {@code rate_budget}: each call reserves the
 * slot after the last reserved one and waits for it, so calls leave spaced by {@code 1 / rate} seconds
 * whichever instance sends them. The database clock is the only clock involved.
 */
@Component
public class SharedRate {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    public SharedRate(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        // Never inside a caller's transaction: the budget row must not stay locked while that transaction works.
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Waits for the caller's slot; returns how long it waited, in microseconds. */
    public long acquire(String budget, double perSecond) throws InterruptedException {
        double spacing = 1.0 / perSecond;
        Long waitMicros = ownTransaction.execute(status -> jdbc.sql("""
                        UPDATE rate_budget
                        SET next_slot = GREATEST(next_slot, clock_timestamp()) + make_interval(secs => :spacing)
                        WHERE name = :name
                        RETURNING (EXTRACT(EPOCH FROM (next_slot - clock_timestamp())) * 1000000)::bigint
                            - (:spacing * 1000000)::bigint""")
                .param("spacing", spacing)
                .param("name", budget)
                .query(Long.class).single());
        long wait = Math.max(0, waitMicros == null ? 0 : waitMicros);
        if (wait > 0) {
            Thread.sleep(wait / 1000, (int) (wait % 1000) * 1000);
        }
        return wait;
    }
}
