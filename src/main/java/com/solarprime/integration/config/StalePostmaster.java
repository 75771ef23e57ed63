package com.solarprime.integration.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a start after a crash work. The embedded server is daemonised by pg_ctl, so when the JVM dies
 * without running its shutdown hooks the old postmaster keeps the data directory; and a leftover
 * {@code postmaster.pid} whose PID now belongs to another program makes PostgreSQL refuse to start.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private StalePostmaster() {
    }

    static void clear(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> owner = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(StalePostmaster::isPostgres);
        if (owner.isPresent()) {
            stop(owner.get());
        } else {
            log.warn("Removing stale {} left by a crashed embedded PostgreSQL", pidFile);
        }
        Files.deleteIfExists(pidFile);
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("/postgres")).orElse(false);
    }

    private static void stop(ProcessHandle postmaster) {
        log.warn("An orphaned embedded PostgreSQL (pid {}) still owns the data directory; shutting it down",
                postmaster.pid());
        postmaster.destroy();
        try {
            postmaster.onExit().get(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Orphaned PostgreSQL pid " + postmaster.pid()
                    + " did not stop within " + SHUTDOWN_WAIT + "; stop it by hand", e);
        }
    }
}
