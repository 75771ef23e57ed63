package com.solarprime.integration.lead;

import static com.solarprime.integration.support.WhatsAppFixtures.freshPhone;
import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import com.solarprime.integration.support.LeadProfiles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A burst of 1,000 qualified leads against the sandbox and its 7 requests/s limit. */
@Tag("bench")
@IntegrationTest
class KommoSyncBenchmark {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    CamelContext camel;

    @Test
    void thousandQualifiedLeads() throws Exception {
        Http http = new Http(port);
        List<String> phones = new ArrayList<>();
        List<Callable<Integer>> intakes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String phone = freshPhone();
            phones.add("+" + phone);
            String body = LeadProfiles.profile(phone, 500 + i * 10, i % 2 == 0 ? "usina_propria" : "desconto",
                    "30_dias", "identifying");
            intakes.add(() -> http.post("/api/leads/qualification", "application/json", body, "X-Api-Key", Http.API_KEY)
                    .statusCode());
        }
        camel.getRouteController().suspendRoute("kommo-sync");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        for (var result : pool.invokeAll(intakes)) {
            assertThat(result.get()).isEqualTo(200);
        }
        pool.shutdown();
        double callsBefore = calls(null);
        double tooManyBefore = calls("429");

        long started = System.nanoTime();
        camel.getRouteController().resumeRoute("kommo-sync");
        String[] ids = phones.toArray(String[]::new);
        long inKommo = 0;
        while (inKommo < 1000 && System.nanoTime() - started < 120_000_000_000L) {
            Thread.sleep(100);
            inKommo = jdbc.sql("SELECT count(*) FROM lead WHERE phone_e164 = ANY(?) AND kommo_lead_id IS NOT NULL")
                    .param(ids).query(Long.class).single();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        while (jdbc.sql("SELECT count(*) FROM kommo_outbox WHERE status <> 'done'").query(Long.class).single() > 0
                && System.nanoTime() - started < 180_000_000_000L) {
            Thread.sleep(100);
        }
        double callsPerLead = (calls(null) - callsBefore) / 1000.0;
        long tooMany = (long) (calls("429") - tooManyBefore);
        System.out.printf("BENCH kommo-sync: 1000 qualified leads; Kommo calls per lead %.3f (seed design 5, goal <= 1.1); "
                + "all leads in Kommo after %.1f s (goal <= 15 s); 429s %d (goal 0)%n", callsPerLead, seconds, tooMany);
        assertThat(inKommo).isEqualTo(1000);
    }

    private double calls(String status) {
        var search = meters.find("kommo.api.calls");
        if (status != null) {
            search = search.tag("status", status);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }
}
