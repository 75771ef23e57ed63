package com.solarprime.integration.followup;

import static com.solarprime.integration.support.WhatsAppFixtures.freshPhone;
import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.Application;
import com.solarprime.integration.support.IntegrationTest;
import com.solarprime.integration.support.MutableClock;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Two dispatchers (two Spring contexts on one database) and 2,000 due follow-ups: each is sent exactly once. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "solarprime.follow-up.provider-rate-per-second=2000")
class FollowUpTwoInstancesTest {

    /** A Wednesday, 10:00 in Recife. */
    static final Instant OPEN = Instant.parse("2026-12-02T13:00:00Z");

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        Clock testClock() {
            return new MutableClock(OPEN);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    HikariDataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProducerTemplate first;
    @Autowired
    CamelContext camel;

    ConfigurableApplicationContext second;

    @BeforeAll
    void startSecondInstance() throws Exception {
        second = new SpringApplicationBuilder(Application.class, TestClock.class).profiles("test").run(
                "--server.port=0",
                "--spring.datasource.url=" + dataSource.getJdbcUrl(),
                "--spring.datasource.username=postgres",
                "--solarprime.kommo.base-url=http://localhost:" + port + "/sandbox/kommo",
                "--solarprime.follow-up.provider-rate-per-second=2000");
        camel.getRouteController().stopRoute("follow-ups");
        second.getBean(CamelContext.class).getRouteController().stopRoute("follow-ups");
    }

    @AfterAll
    void stopSecondInstance() {
        second.close();
    }

    @Test
    void twoThousandDueFollowUpsAreEachSentExactlyOnce() throws Exception {
        for (int lead = 0; lead < 200; lead++) {
            long id = jdbc.sql("INSERT INTO lead (phone_e164, name, last_inbound_at) VALUES (?, 'Lead', ?) RETURNING id")
                    .param("+" + freshPhone()).param(Timestamp.from(OPEN.minusSeconds(600))).query(Long.class).single();
            jdbc.sql("""
                    INSERT INTO follow_up (lead_id, type, due_at, text)
                    SELECT ?, 'CUSTOM', ?, 'Mensagem ' || n FROM generate_series(1, 10) n""")
                    .param(id).param(Timestamp.from(OPEN.minusSeconds(60))).update();
        }
        ProducerTemplate other = second.getBean(ProducerTemplate.class);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<Object>> runs = List.of(dispatch(first), dispatch(other), dispatch(first), dispatch(other));
        for (Future<Object> run : pool.invokeAll(runs)) {
            run.get();
        }
        long sent = jdbc.sql("SELECT count(*) FROM follow_up WHERE status = 'sent'").query(Long.class).single();
        pool.shutdown();

        assertThat(sent).isEqualTo(2000);
        assertThat(jdbc.sql("SELECT count(*) FROM follow_up WHERE status = 'sent'").query(Long.class).single()).isEqualTo(2000);
        assertThat(jdbc.sql("SELECT count(*) FROM message WHERE direction = 'out' AND provider = 'log'").query(Long.class).single())
                .as("one provider send per follow-up").isEqualTo(2000);
        assertThat(jdbc.sql("SELECT count(DISTINCT provider_message_id) FROM follow_up WHERE status = 'sent'")
                .query(Long.class).single()).isEqualTo(2000);
    }

    /** One dispatcher run of an instance, as its clustered Quartz trigger starts it. */
    private static Callable<Object> dispatch(ProducerTemplate instance) {
        return () -> instance.requestBody("direct:follow-up-dispatch", (Object) null);
    }
}
