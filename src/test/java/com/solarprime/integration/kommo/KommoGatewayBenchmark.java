package com.solarprime.integration.kommo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** 500 lead reads through the gateway against the sandbox: how close to the budget, and how many 429s. */
@Tag("bench")
@IntegrationTest
class KommoGatewayBenchmark {

    @Autowired
    KommoClient kommo;
    @Autowired
    KommoGatewayProperties gateway;
    @Autowired
    MeterRegistry meters;

    @Test
    void fiveHundredLeadReads() throws Exception {
        List<Long> ids = new ArrayList<>();
        List<Map<String, Object>> leads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            leads.add(Map.of("name", "Bench " + i));
        }
        for (JsonNode created : kommo.call(KommoRequest.post("/api/v4/leads/complex", leads))) {
            ids.add(created.path("id").asLong());
        }
        double tooManyBefore = tooMany();

        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<JsonNode>> reads = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            long id = ids.get(i % ids.size());
            reads.add(() -> kommo.call(KommoRequest.get("/api/v4/leads/" + id)));
        }
        long started = System.nanoTime();
        for (Future<JsonNode> read : pool.invokeAll(reads)) {
            assertThat(read.get().path("id").asLong()).isPositive();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();

        double rate = 500 / seconds;
        double tooMany = tooMany() - tooManyBefore;
        System.out.printf("BENCH kommo-gateway: 500 reads in %.1f s = %.2f req/s; budget %.1f req/s; "
                        + "fraction of budget %.3f (goal >= 0.9); 429s %d (goal 0)%n",
                seconds, rate, gateway.requestsPerSecond(), rate / gateway.requestsPerSecond(), (long) tooMany);
        assertThat(tooMany).isZero();
    }

    private double tooMany() {
        return meters.find("kommo.api.calls").tag("status", "429").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
