package com.solarprime.integration.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.support.KommoStub;
import com.solarprime.integration.support.StubbedRouteTest;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * routes/kommo-reconcile.camel.yaml with Kommo answered by a mock: the changes whose webhook never
 * arrived are recorded once, and the cursor moves on.
 */
@StubbedRouteTest
class KommoReconcileRouteTest {

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AccountMap map;

    @Test
    void missedChangesAreRecordedOnceAndTheCursorMoves() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> map.missing().isEmpty());
        String page = """
                {"_embedded":{"events":[
                  {"id":"e1","type":"lead_status_changed","entity_id":777001,"entity_type":"lead","created_at":1796200000,
                   "value_after":[{"lead_status":{"id":%1$d,"pipeline_id":%3$d}}],
                   "value_before":[{"lead_status":{"id":%2$d,"pipeline_id":%3$d}}]}]}}"""
                .formatted(map.statusId("QUALIFIED"), map.statusId("NEW"), map.pipelineId());
        MockEndpoint eventsApi = KommoStub.answering(camel, page);
        // Twice for the events; the recorded change then reads its lead too.
        eventsApi.expectedMinimumMessageCount(2);

        producer.sendBody("direct:kommo-reconcile-run", (Object) null);
        producer.sendBody("direct:kommo-reconcile-run", (Object) null);

        eventsApi.assertIsSatisfied();
        assertThat(jdbc.sql("SELECT source FROM stage_history WHERE kommo_lead_id = 777001").query(String.class).list())
                .containsExactly("reconcile");
        assertThat(jdbc.sql("SELECT value FROM sync_cursor WHERE name = 'kommo-lead-status-events'").query(Long.class)
                .single()).isEqualTo(1796200000L);
    }

    @Test
    void aRunWithNoNewEventsIsANormalRun() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> map.missing().isEmpty());
        MockEndpoint eventsApi = KommoStub.answering(camel, "{}");
        // Kommo answers 204 with no body when nothing changed since the cursor: the door answers null.
        eventsApi.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(null));
        long deadLettersBefore = jdbc.sql("SELECT count(*) FROM dead_letter WHERE route_id LIKE 'kommo-reconcile%'")
                .query(Long.class).single();

        producer.sendBody("direct:kommo-reconcile-run", (Object) null);

        assertThat(jdbc.sql("SELECT count(*) FROM dead_letter WHERE route_id LIKE 'kommo-reconcile%'").query(Long.class)
                .single()).isEqualTo(deadLettersBefore);
    }
}
