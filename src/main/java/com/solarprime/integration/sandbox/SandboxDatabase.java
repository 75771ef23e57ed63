package com.solarprime.integration.sandbox;

import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sandbox's own schema, migrated by its own Flyway instance (own locations and history table)
 * so that it never mixes with the service's migrations. A plain component rather than a
 * {@code Flyway} bean: a second {@code Flyway} bean would switch off Boot's auto-configured one.
 * Every store depends on this bean, so the schema exists before any of them runs a query.
 */
@Component
@ConditionalOnSandbox
public class SandboxDatabase {

    public static final String SCHEMA = "kommo_sandbox";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public SandboxDatabase(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .createSchemas(true)
                .table("flyway_schema_history")
                .locations("classpath:db/sandbox")
                .load()
                .migrate();
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    public <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }
}
