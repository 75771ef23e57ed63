package com.solarprime.integration.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The PostgreSQL server started in-process when no external database is configured.
 *
 * @param dataDir where the cluster lives; kept across restarts unless {@code clean} is set
 * @param port the port to use while no other process holds it, else a free one is chosen (0 = any free port,
 *             as the tests use)
 * @param clean wipe the data directory on start and stop (tests only)
 */
@ConfigurationProperties("solarprime.embedded-db")
public record EmbeddedDatabaseProperties(Path dataDir, int port, boolean clean) {
}
