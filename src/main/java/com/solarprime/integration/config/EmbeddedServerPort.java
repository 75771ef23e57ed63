package com.solarprime.integration.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The port the embedded server starts on. A PostgreSQL that cannot bind its port exits, but zonky's readiness
 * probe then reaches whichever server holds the port and reports success, so a taken port has to be seen before
 * the start: otherwise a second run on the machine writes into the first one's database.
 */
final class EmbeddedServerPort {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServerPort.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 200;

    private EmbeddedServerPort() {
    }

    /** The configured port when nothing uses it, else a free one (0 stays 0: zonky picks one). */
    static int choose(int configured, Path dataDir) {
        if (configured == 0 || !isTaken(configured)) {
            return configured;
        }
        int free = anyFreePort();
        log.warn("Port {} is taken by another process (another instance's embedded PostgreSQL, or any other server); "
                + "the embedded PostgreSQL of {} starts on free port {} instead", configured, dataDir, free);
        return free;
    }

    /**
     * Taken when something accepts connections on any address {@code localhost} stands for (the JDBC URL says
     * localhost, PostgreSQL listens on each of them), or when the IPv4 loopback port cannot be bound.
     */
    static boolean isTaken(int port) {
        try {
            for (InetAddress address : InetAddress.getAllByName("localhost")) {
                if (accepts(address, port)) {
                    return true;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve localhost", e);
        }
        return !bindable(InetAddress.getLoopbackAddress(), port);
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException refusedOrUnreachable) {
            return false;
        }
    }

    // The JDK's default socket options match PostgreSQL's listening socket (address reuse on Unix, exclusive bind
    // on Windows), so a port the previous run left in TIME_WAIT counts as free here, as it is to PostgreSQL.
    private static boolean bindable(InetAddress address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int anyFreePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }
}
