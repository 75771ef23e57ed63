package com.solarprime.integration.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Tells a running instance's server from a crash's leftover before {@link StalePostmaster} stops it. zonky holds
 * a lock on {@value #ZONKY_LOCK_FILE} in the data directory for as long as the JVM that started the server lives,
 * and the operating system drops it when that JVM dies; a postmaster whose directory is still locked belongs to a
 * running service (or one of its commands, started in the same folder), not to a crash.
 */
final class DataDirectoryInUse {

    /** zonky's own name for it (EmbeddedPostgres.LOCK_FILE_NAME). */
    static final String ZONKY_LOCK_FILE = "epg-lock";

    private DataDirectoryInUse() {
    }

    static void refuseIfInUse(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve(ZONKY_LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(dataDir);
            }
            lock.release();
        } catch (OverlappingFileLockException sameJvm) {
            throw inUse(dataDir);
        }
    }

    private static IllegalStateException inUse(Path dataDir) {
        return new IllegalStateException("The embedded PostgreSQL data directory " + dataDir.toAbsolutePath()
                + " is in use by another running instance of the service (or one of its commands). Stop it first, "
                + "or set EMBEDDED_DB_DIR to another directory.");
    }
}
