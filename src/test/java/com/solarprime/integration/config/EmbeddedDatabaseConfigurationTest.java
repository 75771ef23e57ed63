package com.solarprime.integration.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Two default runs on one machine: each uses its own server, whoever holds the configured port. */
class EmbeddedDatabaseConfigurationTest {

    @TempDir
    Path dirs;

    @Test
    void aTakenPortMovesTheServerToAFreePortOfItsOwn() throws Exception {
        int configuredPort = freePort();
        Path dirA = dirs.resolve("a");
        Path dirB = dirs.resolve("b");
        Logger portLog = (Logger) LoggerFactory.getLogger(EmbeddedServerPort.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        portLog.addAppender(log);
        try (EmbeddedPostgres other = server(dirA, configuredPort);
             EmbeddedPostgres ours = new EmbeddedDatabaseConfiguration()
                     .embeddedPostgres(new EmbeddedDatabaseProperties(dirB, configuredPort, true))) {

            assertThat(ours.getPort()).isNotEqualTo(configuredPort);
            assertThat(Path.of(query(ours, "SHOW data_directory").get(0))).isEqualTo(dirB.toRealPath());
            assertThat(log.list).singleElement().satisfies(line -> {
                assertThat(line.getLevel()).isEqualTo(Level.WARN);
                assertThat(line.getFormattedMessage()).contains("Port " + configuredPort + " is taken",
                        "free port " + ours.getPort());
            });

            execute(ours, "CREATE TABLE written_by_b (id int)");
            assertThat(query(other, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
                    .as("the other instance's database got none of our data").doesNotContain("written_by_b");
            assertThat(Path.of(query(other, "SHOW data_directory").get(0))).isEqualTo(dirA.toRealPath());
        } finally {
            portLog.detachAppender(log);
        }
    }

    @Test
    void theDataDirectoryCheckRefusesAForeignServerAndAcceptsItsOwn() throws Exception {
        Path dirA = dirs.resolve("a");
        Path dirB = dirs.resolve("b");
        try (EmbeddedPostgres foreign = server(dirA, 0)) {
            String url = foreign.getJdbcUrl("postgres", "postgres");
            int port = foreign.getPort();

            assertThatThrownBy(() -> DataDirectoryCheck.verify(url, port, dirB))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("answering on port " + port + " is not this service's embedded server")
                    .hasMessageContaining("its data directory is " + dirA)
                    .hasMessageContaining("this service's is " + dirB)
                    .hasMessageContaining("EMBEDDED_DB_PORT");

            DataDirectoryCheck.verify(url, port, dirs.resolve("b/../a/."));
        }
    }

    @Test
    void aFreeConfiguredPortIsKept() throws Exception {
        int port = freePort();
        assertThat(EmbeddedServerPort.choose(port, dirs)).isEqualTo(port);
        assertThat(EmbeddedServerPort.choose(0, dirs)).as("zonky picks").isZero();
        try (ServerSocket holder = new ServerSocket(port)) {
            assertThat(EmbeddedServerPort.isTaken(port)).isTrue();
            assertThat(EmbeddedServerPort.choose(port, dirs)).isPositive().isNotEqualTo(port);
        }
    }

    private static EmbeddedPostgres server(Path dataDir, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true).setPort(port).start();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void execute(EmbeddedPostgres server, String sql) throws SQLException {
        try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> query(EmbeddedPostgres server, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = connect(server); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** The URL the service's pool uses, so that the test sees the server the service would write to. */
    private static Connection connect(EmbeddedPostgres server) throws SQLException {
        return DriverManager.getConnection(server.getJdbcUrl("postgres", "postgres"));
    }
}
