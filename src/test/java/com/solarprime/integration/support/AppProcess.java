package com.solarprime.integration.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The built jar, started as its own operating-system process, the way an operator runs it. */
public final class AppProcess implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private final int port;

    private AppProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** The jar the build produced ({@code app.jar} system property, set by failsafe). */
    public static Path jar() {
        String jar = System.getProperty("app.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("the built jar is missing (app.jar = " + jar + "): run through `./mvnw verify`");
        }
        return Path.of(jar).toAbsolutePath();
    }

    /**
     * Starts {@code java -jar} in {@code workDir} with the given environment added to this one's, on a free HTTP
     * port, its console written to {@code workDir/app.log}.
     */
    public static AppProcess start(Path workDir, Map<String, String> env, String... args) {
        try {
            return start(workDir, freePort(), env, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * As {@link #start(Path, Map, String...)} on a given HTTP port (a process started again on the same port keeps
     * the address the others know it by). The console is appended to {@code workDir/app.log}, so a restarted
     * process adds to the log of the one before it.
     */
    public static AppProcess start(Path workDir, int port, Map<String, String> env, String... args) {
        try {
            Files.createDirectories(workDir);
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-jar", jar().toString(),
                    "--server.port=" + port));
            command.addAll(List.of(args));
            Path log = workDir.resolve("app.log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            return new AppProcess(builder.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String base() {
        return "http://localhost:" + port;
    }

    /** Waits until {@code /actuator/health/readiness} answers 200. */
    public AppProcess awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + tail());
            }
            // Readiness leaves Kommo out: an instance in live mode is ready before an operator has connected Kommo.
            if (status("/actuator/health/readiness") == 200) {
                return this;
            }
            sleep(500);
        }
        throw new IllegalStateException("the service was not ready within " + timeout + ":\n" + tail());
    }

    public int status(String path) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Where the process writes its console. */
    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String tail() {
        String out = output();
        return out.length() > 6000 ? out.substring(out.length() - 6000) : out;
    }

    /**
     * {@code kill -9}: no shutdown hook, no graceful anything ({@code destroyForcibly} sends SIGKILL on Linux).
     * Answers the exit value, 137 (128 + 9) when SIGKILL ended it.
     */
    public int kill() {
        process.destroyForcibly();
        waitFor();
        return process.isAlive() ? -1 : process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(Duration.ofSeconds(60).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
