package com.solarprime.integration.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.support.AppProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar, started from a folder that holds nothing, with no settings. */
class JarStartIT {

    @TempDir
    Path emptyFolder;

    @Test
    void theJarStartsFromAnEmptyFolderWithTheRoutesItShips() {
        try (AppProcess app = AppProcess.start(emptyFolder, Map.of("EMBEDDED_DB_PORT", "0"))) {
            app.awaitReady(Duration.ofSeconds(180));

            assertThat(app.output()).contains("Route file whatsapp-inbound.camel.yaml: shipped in the jar")
                    .doesNotContain("NoSuchFileException");
            assertThat(app.status("/actuator/health")).isEqualTo(200);
            assertThat(Files.isDirectory(emptyFolder.resolve("data/postgres"))).as("data kept in the working folder").isTrue();
        }
    }
}
