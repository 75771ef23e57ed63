package com.solarprime.integration.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.solarprime.integration.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RoutesTest {

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    JdbcClient jdbc;

    @Test
    void yamlRoutesAreLoadedFromTheRoutesFolderWithExplicitIds() {
        assertThat(camel.getRoute("dead-letter")).as("routes/error-handling.camel.yaml").isNotNull();
        assertThat(producer.requestBody("direct:probe", "ping", String.class)).isEqualTo("pong ping");
        for (Route route : camel.getRoutes()) {
            assertThat(route.getProperties()).as(route.getRouteId()).containsEntry(Route.CUSTOM_ID_PROPERTY, "true");
        }
    }

    @Test
    void scheduledRoutesRunOnTheClusteredJdbcQuartzStore() {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            assertThat(jdbc.sql("SELECT lower(trigger_name) FROM qrtz_triggers").query(String.class).list())
                    .anyMatch(t -> t.contains("follow-up-dispatch")).anyMatch(t -> t.contains("kommo-reconcile"));
            assertThat(jdbc.sql("SELECT count(*) FROM qrtz_scheduler_state")
                    .query(Long.class).single()).isPositive();
            assertThat(jdbc.sql("SELECT count(*) FROM qrtz_fired_triggers")
                    .query(Long.class).single() + jdbc.sql("SELECT count(*) FROM qrtz_triggers WHERE prev_fire_time > 0")
                    .query(Long.class).single()).as("the dispatcher trigger has fired").isPositive();
        });
    }

    @Test
    void aFailingRouteLandsInTheDeadLetterTableWithoutSecrets(CapturedOutput output) {
        producer.sendBody("direct:boom", "{\"lead\":\"payload\"}");
        assertThat(output.getAll()).contains("boom-probe").doesNotContain("s3cr3t-token", "99999-1234");

        Map<String, Object> row = jdbc.sql("SELECT route_id, reason, payload_ref, payload FROM dead_letter "
                + "WHERE route_id = 'boom-probe' ORDER BY id DESC LIMIT 1").query().singleRow();
        assertThat(row.get("payload_ref")).isEqualTo("probe:1");
        assertThat(row.get("payload")).isEqualTo("{\"lead\":\"payload\"}");
        assertThat((String) row.get("reason")).contains("IllegalStateException", "boom", "***1234")
                .doesNotContain("s3cr3t-token", "99999-1234");
    }
}
