package com.solarprime.integration.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.solarprime.integration.support.StubbedRouteTest;
import com.solarprime.integration.whatsapp.OutboundMessage;
import java.time.Duration;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** routes/sales-alerts.camel.yaml with the WhatsApp provider replaced by a mock: a queued alert goes out once. */
@StubbedRouteTest
class SalesAlertsRouteTest {

    @Autowired
    CamelContext camel;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aQueuedAlertIsSentOnceToItsSalesperson() throws Exception {
        AdviceWith.adviceWith(camel, "sales-alerts",
                route -> route.weaveByToUri("direct:whatsapp-send").replace().to("mock:alerts-whatsapp"));
        MockEndpoint whatsapp = camel.getEndpoint("mock:alerts-whatsapp", MockEndpoint.class);
        whatsapp.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody("wamid.alert"));
        whatsapp.expectedMessageCount(1);
        String key = "alert:" + UUID.randomUUID();

        long alert = jdbc.sql("INSERT INTO notification (dedupe_key, destination, text) VALUES (?, '5581999990001', "
                + "'🔥 Lead quente qualificado!') RETURNING id").param(key).query(Long.class).single();

        whatsapp.assertIsSatisfied();
        assertThat(whatsapp.getReceivedExchanges().get(0).getMessage().getBody(OutboundMessage.class).to())
                .isEqualTo("5581999990001");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT status FROM notification WHERE id = ?").param(alert).query(String.class).single()).isEqualTo("sent"));
    }
}
