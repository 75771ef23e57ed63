package com.solarprime.integration.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link EmbeddedDatabaseRestartTest}: starts the embedded server on a data
 * directory and waits to be killed. Alive, it is a running instance holding the directory; killed, it leaves
 * the daemonised postmaster behind as a crash would.
 */
public final class OrphanedPostgresMain {

    private OrphanedPostgresMain() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres.builder()
                .setDataDirectory(Path.of(args[0]))
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start();
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
