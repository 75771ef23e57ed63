package com.solarprime.integration.kommo;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.Application;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code java -jar app.jar validate}: the service does the one job, prints its lines and exits with the verdict. */
class KommoCommandLineTest {

    @Test
    void validateRunsAsACommandAndExitsZeroWhenEverythingPasses() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Application.class.getName(), "validate", "--spring.profiles.active=test")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("✅ 1. token", "✅ 4. custom fields: custom fields found 10/10", "validate: OK");
    }
}
