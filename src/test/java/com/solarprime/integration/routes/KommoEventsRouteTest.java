package com.solarprime.integration.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.kommo.KommoClient;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.KommoFixtures;
import com.solarprime.integration.support.RouteTest;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** routes/kommo-events.camel.yaml: a stored Kommo delivery's status change is recorded once, pending its automation. */
@RouteTest
class KommoEventsRouteTest {

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    KommoClient kommo;
    @Autowired
    AccountMap map;
    @LocalServerPort
    int port;

    @Test
    void aStatusChangeIsRecordedOnceHoweverOftenItIsDelivered() throws Exception {
        AdviceWith.adviceWith(camel, "kommo-events", route -> route.weaveAddLast().to("mock:kommo-events"));
        MockEndpoint processed = camel.getEndpoint("mock:kommo-events", MockEndpoint.class);
        processed.reset();
        processed.expectedMessageCount(2);
        KommoFixtures fixtures = new KommoFixtures(kommo, map, new Http(port));
        long lead = fixtures.personCreatedLead();
        String form = fixtures.statusForm(lead, map.statusId("QUALIFIED"), map.statusId("NEW"), 1796100000L);

        for (int delivery = 0; delivery < 2; delivery++) {
            producer.sendBodyAndHeader("direct:kommo-delivery", form, "inboxContentType", "application/x-www-form-urlencoded");
        }

        processed.assertIsSatisfied();
        assertThat(jdbc.sql("SELECT source FROM stage_history WHERE kommo_lead_id = ?").param(lead).query(String.class).list())
                .containsExactly("webhook");
    }
}
