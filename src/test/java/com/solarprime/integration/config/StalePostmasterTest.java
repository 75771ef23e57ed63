package com.solarprime.integration.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StalePostmasterTest {

    @TempDir
    Path dataDir;

    @Test
    void removesAPidFileWhoseProcessIsGone() throws Exception {
        Files.writeString(dataDir.resolve("postmaster.pid"), "999999999\n" + dataDir + "\n");
        StalePostmaster.clear(dataDir);
        assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void removesAPidFileWhosePidNowBelongsToAnotherProgram() throws Exception {
        long self = ProcessHandle.current().pid();
        Files.writeString(dataDir.resolve("postmaster.pid"), self + "\n" + dataDir + "\n");
        StalePostmaster.clear(dataDir);
        assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void leavesACleanDirectoryAlone() throws Exception {
        StalePostmaster.clear(dataDir);
        assertThat(Files.list(dataDir)).isEmpty();
    }
}
