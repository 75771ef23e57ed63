package com.solarprime.integration.inbox;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes accepted webhooks to {@code inbox} before they are acknowledged, sharing one commit among the
 * deliveries that arrive together (group commit): each caller waits until its own row is durable, but a
 * burst of deliveries costs a handful of commits instead of one each.
 */
@Component
public class InboxWriter {

    private static final Logger log = LoggerFactory.getLogger(InboxWriter.class);

    /** One delivery to store. */
    public record Delivery(String source, String dedupeKey, String contentType, String payload) {
    }

    private record Pending(Delivery delivery, CompletableFuture<Boolean> stored) {
    }

    private final JdbcClient jdbc;
    private final InboxProperties properties;
    private final BlockingQueue<Pending> queue;
    private final ExecutorService writers;
    private volatile boolean running = true;

    public InboxWriter(JdbcClient jdbc, InboxProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.queue = new ArrayBlockingQueue<>(properties.writeQueueCapacity());
        this.writers = Executors.newFixedThreadPool(properties.writerThreads(), r -> {
            Thread t = new Thread(r, "inbox-writer");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < properties.writerThreads(); i++) {
            writers.submit(this::writeLoop);
        }
    }

    /**
     * Stores the delivery and returns once it is committed: true when it is new, false when the same
     * delivery (source and dedupe key) was stored before.
     */
    public boolean store(Delivery delivery) {
        Pending pending = new Pending(delivery, new CompletableFuture<>());
        try {
            // Not stored in time (the database is down or restarting, or the writers are overwhelmed) is the storage
            // failing, answered 503 by the shared error handling: the sender keeps the delivery and sends it again.
            if (!queue.offer(pending, properties.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new DataAccessResourceFailureException("inbox write queue full");
            }
            return pending.stored().get(properties.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing a webhook", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("webhook could not be stored: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new DataAccessResourceFailureException("webhook not stored within " + properties.writeTimeout(), e);
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (running) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, properties.writeBatchSize() - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Inbox batch of {} failed: {}", batch.size(), e.getMessage());
                batch.forEach(p -> p.stored().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        StringBuilder sql = new StringBuilder(
                "INSERT INTO inbox (source, dedupe_key, content_type, payload) VALUES ");
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Delivery d = batch.get(i).delivery();
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?)");
            params.add(d.source());
            params.add(d.dedupeKey());
            params.add(d.contentType());
            params.add(d.payload());
        }
        sql.append(" ON CONFLICT (source, dedupe_key) DO NOTHING RETURNING source || '/' || dedupe_key");
        Set<String> inserted = new HashSet<>(jdbc.sql(sql.toString()).params(params).query(String.class).list());
        for (Pending p : batch) {
            // Within one batch the same delivery may come twice: only the first caller sees "new".
            p.stored().complete(inserted.remove(p.delivery().source() + "/" + p.delivery().dedupeKey()));
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        writers.shutdown();
        writers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
