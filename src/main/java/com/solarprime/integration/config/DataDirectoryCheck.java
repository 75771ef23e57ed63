package com.solarprime.integration.config;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Proves that the server behind the embedded database's JDBC URL is the one started on our data directory.
 * Choosing a free port beforehand leaves a window in which another server can take it, and zonky's start
 * succeeds against whatever answers on the port.
 */
final class DataDirectoryCheck {

    private DataDirectoryCheck() {
    }

    /** Throws unless the server at {@code jdbcUrl} reports {@code dataDir} (compared canonically) as its own. */
    static void verify(String jdbcUrl, int port, Path dataDir) {
        Path reported = Path.of(reportedDataDirectory(jdbcUrl, port));
        if (!canonical(reported).equals(canonical(dataDir))) {
            throw new IllegalStateException("The PostgreSQL server answering on port " + port
                    + " is not this service's embedded server: its data directory is " + reported
                    + ", this service's is " + canonical(dataDir) + ". Another server took the port while ours "
                    + "started; stop it, or set EMBEDDED_DB_PORT to another port (0 = any free port).");
        }
    }

    private static String reportedDataDirectory(String jdbcUrl, int port) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW data_directory")) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot ask the PostgreSQL server on port " + port
                    + " for its data directory", e);
        }
    }

    // PostgreSQL reports the absolute path it was started with, symbolic links unresolved (/tmp on macOS is
    // /private/tmp); a foreign server's directory may not exist here at all.
    private static Path canonical(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
