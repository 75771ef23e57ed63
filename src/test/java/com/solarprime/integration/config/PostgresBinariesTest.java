package com.solarprime.integration.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Locale;
import org.apache.commons.lang3.SystemUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The default run starts on a developer's laptop: zonky's default resolver finds the native server archive of
 * each supported platform on the classpath. It falls back to the Intel archive on Apple Silicon, so an archive
 * merely being loaded proves nothing; the bytes loaded must be those of the platform's own archive.
 */
class PostgresBinariesTest {

    /** Enough of an xz archive to tell two platforms' builds apart. */
    private static final int COMPARED_BYTES = 1 << 20;

    @Test
    void theRunningPlatformLoadsItsOwnArchive() throws IOException {
        String system = zonkySystem();
        String machineHardware = zonkyMachineHardware();
        String archive = "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + ArchUtils.normalize(machineHardware)
                + ".txz";

        assertLoads(system, machineHardware, archive);
    }

    @ParameterizedTest(name = "{0} {1} loads {2}")
    @CsvSource({
            "Linux, x86_64, postgres-linux-x86_64.txz",
            "Linux, aarch64, postgres-linux-arm_64.txz",
            "Darwin, aarch64, postgres-darwin-arm_64.txz",
            "Darwin, x86_64, postgres-darwin-x86_64.txz",
            "Windows, x86_64, postgres-windows-x86_64.txz"
    })
    void eachBundledPlatformLoadsItsOwnArchive(String system, String machineHardware, String archive)
            throws IOException {
        assertLoads(system, machineHardware, archive);
    }

    private static void assertLoads(String system, String machineHardware, String archive) throws IOException {
        ClassLoader classLoader = DefaultPostgresBinaryResolver.class.getClassLoader();
        assertThat(Collections.list(classLoader.getResources(archive)))
                .as("%s bundled once (zonky refuses duplicates)", archive).hasSize(1);
        try (InputStream loaded = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
             InputStream expected = classLoader.getResourceAsStream(archive)) {
            assertThat(loaded.readNBytes(COMPARED_BYTES)).as("zonky loads %s", archive)
                    .isEqualTo(expected.readNBytes(COMPARED_BYTES));
        }
    }

    /** As zonky's EmbeddedPostgres names the operating system to its resolver (the method is private there). */
    private static String zonkySystem() {
        if (SystemUtils.IS_OS_WINDOWS) {
            return "Windows";
        }
        if (SystemUtils.IS_OS_MAC_OSX) {
            return "Darwin";
        }
        if (SystemUtils.IS_OS_LINUX) {
            return "Linux";
        }
        throw new IllegalStateException("zonky does not run on " + SystemUtils.OS_NAME);
    }

    /** As zonky's EmbeddedPostgres names the architecture to its resolver. */
    private static String zonkyMachineHardware() {
        return "amd64".equals(SystemUtils.OS_ARCH) ? "x86_64" : SystemUtils.OS_ARCH;
    }
}
