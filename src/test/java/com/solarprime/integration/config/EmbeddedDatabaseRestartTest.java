package com.solarprime.integration.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.solarprime.integration.Application;
import com.solarprime.integration.kommo.KommoTokenStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The default run's database: survives restarts (Kommo tokens included) and a crash that left the server running,
 * and leaves alone the server of an instance that still runs.
 */
class EmbeddedDatabaseRestartTest {

    @Test
    void startsAfterACrashAndKeepsDataAcrossRestarts() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "restart-pg").toAbsolutePath();

        Process crashed = startOrphanedServer(dataDir);
        crashed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(dataDir.resolve("postmaster.pid")).as("the killed JVM left its server behind").exists();

        String tokenRow;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            jdbc.sql("INSERT INTO dead_letter (route_id, reason) VALUES ('restart-test', 'kept')").update();
            tokenRow = jdbc.sql("SELECT access_token_enc || refreshed_at FROM kommo_token").query(String.class).single();
        }
        assertThat(dataDir.resolve("postmaster.pid")).as("clean stop").doesNotExist();

        try (ConfigurableApplicationContext second = start(dataDir)) {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT reason FROM dead_letter WHERE route_id = 'restart-test'")
                    .query(String.class).list()).containsExactly("kept");
            assertThat(jdbc.sql("SHOW fsync").query(String.class).single()).isEqualTo("on");
            assertThat(jdbc.sql("SELECT access_token_enc || refreshed_at FROM kommo_token").query(String.class).single())
                    .as("the Kommo connection survives the restart: no new authorization").isEqualTo(tokenRow);
            String plain = second.getBean(KommoTokenStore.class).accessToken();
            assertThat(plain).isNotBlank();
            assertThat(tokenRow).as("stored encrypted").doesNotContain(plain);
        }
    }

    @Test
    void refusesADataDirectoryThatARunningInstanceUses() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "in-use-pg").toAbsolutePath();
        Process running = startOrphanedServer(dataDir);
        try {
            long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());

            assertThatThrownBy(() -> new EmbeddedDatabaseConfiguration()
                    .embeddedPostgres(new EmbeddedDatabaseProperties(dataDir, 0, false)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(dataDir + " is in use by another running instance")
                    .hasMessageContaining("EMBEDDED_DB_DIR");
            assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive))
                    .as("the running instance's server is not taken for a crash's leftover").isPresent();
        } finally {
            running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            StalePostmaster.clear(dataDir);
        }
    }

    private static Process startOrphanedServer(Path dataDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OrphanedPostgresMain.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains("READY")) {
                    return process;
                }
            }
        }
        throw new IllegalStateException("child JVM exited before its server was ready");
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(Application.class)
                .profiles("test")
                .run("--server.port=0",
                        "--solarprime.embedded-db.data-dir=" + dataDir,
                        "--solarprime.embedded-db.clean=false",
                        "--solarprime.embedded-db.port=0");
    }
}
