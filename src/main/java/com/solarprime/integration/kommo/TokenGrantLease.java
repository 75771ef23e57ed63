package com.solarprime.integration.kommo;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The right to call Kommo's token endpoint, one holder at a time across instances ({@code kommo_token_lease}).
 * Taking, renewing and giving it back are each a short transaction of their own, so no transaction, lock or
 * pooled connection is held while the grant waits for the throttle, a 429's retry-after or Kommo's answer.
 * A live holder renews the lease for as long as its grant takes; one that died stops blocking the others
 * when its lease runs out.
 */
@Component
class TokenGrantLease {

    /** Long enough that a renewal or two may be late; short enough that a dead holder is soon replaced. */
    static final Duration TERM = Duration.ofSeconds(30);
    private static final Duration RENEW_EVERY = TERM.dividedBy(3);
    /** Waiting for another holder's grant: a database read per poll, a small delay on top of Kommo's answer. */
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Logger log = LoggerFactory.getLogger(TokenGrantLease.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kommo-token-lease");
        thread.setDaemon(true);
        return thread;
    });

    TokenGrantLease(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        // Never inside a caller's transaction: the lease must be visible to the others at once, and its row
        // must not stay locked until that caller commits.
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Waits until the lease is ours, polling while another holder's lease lives. Empty when {@code doneByOthers}
     * says, between two polls, that there is nothing left to do.
     */
    Optional<Held> take(BooleanSupplier doneByOthers) {
        while (true) {
            if (doneByOthers.getAsBoolean()) {
                return Optional.empty();
            }
            String holder = UUID.randomUUID().toString();
            Integer taken = ownTransaction.execute(status -> jdbc.sql("""
                            UPDATE kommo_token_lease SET holder = :holder,
                                expires_at = clock_timestamp() + make_interval(secs => :term)
                            WHERE id = 1 AND (holder IS NULL OR expires_at <= clock_timestamp())""")
                    .param("holder", holder).param("term", TERM.toSeconds()).update());
            if (taken != null && taken == 1) {
                return Optional.of(new Held(holder));
            }
            pause();
        }
    }

    @PreDestroy
    void stop() {
        renewals.shutdownNow();
    }

    private void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KommoException.unavailable("interrupted while another instance refreshed the Kommo token", e);
        }
    }

    /** The lease while it is ours: renewed in the background until given back. */
    final class Held implements AutoCloseable {

        private final String holder;
        private final ScheduledFuture<?> renewal;
        private boolean released;

        private Held(String holder) {
            this.holder = holder;
            this.renewal = renewals.scheduleAtFixedRate(this::renew, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        /** Runs {@code work} (storing the new pair) and gives the lease back in the same short transaction. */
        <T> T releaseWith(Supplier<T> work) {
            renewal.cancel(false);
            T result = ownTransaction.execute(status -> {
                T done = work.get();
                if (release() == 0) {
                    // Our renewals were late and someone took over: what we store is still the pair Kommo issued last.
                    log.warn("The Kommo token lease ran out during the grant; storing its result anyway");
                }
                return done;
            });
            released = true;
            return result;
        }

        /** Gives the lease back when the work failed, so a waiting caller may try at once. */
        @Override
        public void close() {
            renewal.cancel(false);
            if (!released) {
                ownTransaction.execute(status -> release());
                released = true;
            }
        }

        private int release() {
            return jdbc.sql("UPDATE kommo_token_lease SET holder = NULL, expires_at = NULL WHERE id = 1 AND holder = ?")
                    .param(holder).update();
        }

        private void renew() {
            try {
                ownTransaction.execute(status -> jdbc.sql("""
                                UPDATE kommo_token_lease SET expires_at = clock_timestamp() + make_interval(secs => :term)
                                WHERE id = 1 AND holder = :holder""")
                        .param("holder", holder).param("term", TERM.toSeconds()).update());
            } catch (RuntimeException e) {
                log.warn("Could not renew the Kommo token lease: {}", e.getMessage());
            }
        }
    }
}
