package com.solarprime.integration.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.Application;
import com.solarprime.integration.support.IntegrationTest;
import com.solarprime.integration.support.StubServer;
import com.solarprime.integration.support.StubServer.Reply;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two instances (two Spring contexts on one database) firing the weekly report of the same week at the same moment,
 * four times over, with Evolution stood in for on loopback: each recipient gets the chart and the text once. The
 * caption limit is low here, so each recipient gets two messages: the chart with its short caption, then the text.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WeeklyReportTwoInstancesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final StubServer evolution = start();
    static final IsoWeek WEEK = new IsoWeek(2026, 40);
    static final List<String> SETTINGS = List.of(
            "solarprime.whatsapp.provider=evolution",
            "solarprime.whatsapp.evolution.instance=solarprime",
            "solarprime.whatsapp.evolution.api-key=evo-key",
            "solarprime.whatsapp.evolution.send-delay=0ms",
            "solarprime.report.recipients=+5581999990011,+5581999990022",
            "solarprime.report.caption-limit=200");

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("solarprime.whatsapp.evolution.base-url", evolution::url);
        for (String setting : SETTINGS) {
            registry.add(setting.substring(0, setting.indexOf('=')), () -> setting.substring(setting.indexOf('=') + 1));
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

    ConfigurableApplicationContext second;
    final AtomicInteger ids = new AtomicInteger();

    @BeforeAll
    void startSecondInstance() {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=" + dataSource.getJdbcUrl(),
                "--spring.datasource.username=postgres",
                "--solarprime.kommo.base-url=http://localhost:" + port + "/sandbox/kommo",
                "--solarprime.whatsapp.evolution.base-url=" + evolution.url()));
        SETTINGS.forEach(setting -> args.add("--" + setting));
        second = new SpringApplicationBuilder(Application.class).profiles("test").run(args.toArray(String[]::new));
        evolution.on("POST /message/sendMedia/solarprime", request -> sent());
        evolution.on("POST /message/sendText/solarprime", request -> sent());
    }

    @AfterAll
    void stop() {
        second.close();
        evolution.close();
    }

    @Test
    void aWeekFiredOnTwoInstancesAtOnceGoesOutOnce() throws Exception {
        ProducerTemplate other = second.getBean(ProducerTemplate.class);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<Object>> firings = List.of(fire(first), fire(other), fire(first), fire(other));
        for (Future<Object> firing : pool.invokeAll(firings)) {
            firing.get();
        }
        pool.shutdown();

        assertThat(evolution.count("POST", "/message/sendMedia/solarprime")).isEqualTo(2);
        assertThat(evolution.count("POST", "/message/sendText/solarprime")).isEqualTo(2);
        assertThat(evolution.received()).extracting(r -> JSON.readTree(r.body()).path("number").asText())
                .containsExactlyInAnyOrder("5581999990011", "5581999990011", "5581999990022", "5581999990022");
        Map<String, Object> row = jdbc.sql("""
                        SELECT status, sends, jsonb_array_length(deliveries) AS messages FROM report WHERE week = ?""")
                .param(WEEK.toString()).query().singleRow();
        assertThat(row).containsEntry("status", "sent").containsEntry("sends", 1).containsEntry("messages", 4);
    }

    private Reply sent() {
        return Reply.json(201, "{\"key\":{\"id\":\"EVO-" + ids.incrementAndGet() + "\"}}");
    }

    /** A firing of the schedule on one instance, as its clustered Quartz trigger starts it. */
    private static Callable<Object> fire(ProducerTemplate instance) {
        return () -> instance.send("direct:weekly-report-run", exchange -> {
            exchange.getMessage().setBody(WEEK);
            exchange.setProperty("weeklyReportResend", false);
        });
    }

    private static StubServer start() {
        try {
            return new StubServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
