package com.solarprime.integration.followup;

import static com.solarprime.integration.support.WhatsAppFixtures.freshPhone;

import com.solarprime.integration.Application;
import com.solarprime.integration.support.IntegrationTest;
import com.solarprime.integration.support.MutableClock;
import com.solarprime.integration.support.StubServer;
import com.solarprime.integration.support.StubServer.Reply;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** 10,000 due follow-ups, two instances, Meta stood in for on loopback: messages/s against the 80/s limit, duplicates. */
@Tag("bench")
@IntegrationTest
class FollowUpDispatchBenchmark {

    static final Instant OPEN = Instant.parse("2026-12-02T13:00:00Z");
    static final StubServer meta = start();

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        Clock testClock() {
            return new MutableClock(OPEN);
        }
    }

    @DynamicPropertySource
    static void metaProvider(DynamicPropertyRegistry registry) {
        registry.add("solarprime.whatsapp.provider", () -> "meta");
        registry.add("solarprime.whatsapp.meta.graph-base-url", meta::url);
        registry.add("solarprime.whatsapp.meta.phone-number-id", () -> "PNID");
        registry.add("solarprime.whatsapp.meta.access-token", () -> "meta-token");
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

    @Test
    void tenThousandFollowUps() throws Exception {
        AtomicInteger ids = new AtomicInteger();
        meta.on("POST /PNID/messages", r -> Reply.json(200, "{\"messages\":[{\"id\":\"wamid." + ids.incrementAndGet() + "\"}]}"));
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(Application.class, TestClock.class)
                .profiles("test").run("--server.port=0", "--spring.datasource.url=" + dataSource.getJdbcUrl(),
                        "--spring.datasource.username=postgres",
                        "--solarprime.kommo.base-url=http://localhost:" + port + "/sandbox/kommo",
                        "--solarprime.whatsapp.provider=meta", "--solarprime.whatsapp.meta.graph-base-url=" + meta.url(),
                        "--solarprime.whatsapp.meta.phone-number-id=PNID", "--solarprime.whatsapp.meta.access-token=meta-token")) {
            camel.getRouteController().stopRoute("follow-ups");
            second.getBean(CamelContext.class).getRouteController().stopRoute("follow-ups");
            for (int lead = 0; lead < 1000; lead++) {
                long id = jdbc.sql("INSERT INTO lead (phone_e164, name, last_inbound_at) VALUES (?, 'Lead', ?) RETURNING id")
                        .param("+" + freshPhone()).param(Timestamp.from(OPEN.minusSeconds(600))).query(Long.class).single();
                jdbc.sql("INSERT INTO follow_up (lead_id, type, due_at, text) SELECT ?, 'CUSTOM', ?, 'Oi ' || n "
                        + "FROM generate_series(1, 10) n").param(id).param(Timestamp.from(OPEN.minusSeconds(60))).update();
            }
            ProducerTemplate other = second.getBean(ProducerTemplate.class);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            long started = System.nanoTime();
            List<Callable<Object>> runs = List.of(dispatch(first), dispatch(other));
            for (var run : pool.invokeAll(runs)) {
                run.get();
            }
            long sent = jdbc.sql("SELECT count(*) FROM follow_up WHERE status = 'sent'").query(Long.class).single();
            double seconds = (System.nanoTime() - started) / 1e9;
            pool.shutdown();
            long received = meta.received().size();
            long distinct = meta.received().stream().map(StubServer.Received::body).distinct().count();
            System.out.printf("BENCH follow-up-dispatch: %d sent in %.1f s = %.1f messages/s (limit 80/s); provider got %d, "
                    + "duplicates %d (goal 0)%n", sent, seconds, sent / seconds, received, received - distinct);
        }
    }

    private static StubServer start() {
        try {
            return new StubServer();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One dispatcher run of an instance, as its clustered Quartz trigger starts it. */
    private static Callable<Object> dispatch(ProducerTemplate instance) {
        return () -> instance.requestBody("direct:follow-up-dispatch", (Object) null);
    }
}
