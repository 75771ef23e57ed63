package com.solarprime.integration.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.RouteTest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** routes/kommo-webhook.camel.yaml: a delivery is stored and answered at once, echoing none of its fields. */
@RouteTest
// The context of the webhook and automation tests, with its secret.
@TestPropertySource(properties = "solarprime.kommo.webhook-secret=automation-secret")
class KommoWebhookRouteTest {

    @Autowired
    CamelContext camel;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    @Test
    void aDeliveryIsStoredAndAcknowledged() {
        NotifyBuilder acknowledged = new NotifyBuilder(camel).fromRoute("kommo-webhook").whenCompleted(1).create();
        String form = "leads[delete][0][id]=987654321&account[subdomain]=solarprime&account[id]=31000001";

        HttpResponse<String> reply = new Http(port).post("/webhooks/kommo/automation-secret",
                "application/x-www-form-urlencoded", form);

        assertThat(acknowledged.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).contains("accepted");
        assertThat(reply.headers().map().keySet()).noneMatch(h -> h.contains("[") || h.startsWith("leads"));
        assertThat(jdbc.sql("SELECT count(*) FROM inbox WHERE source = 'kommo' AND payload LIKE '%987654321%'")
                .query(Long.class).single()).isEqualTo(1);
    }

    /** Kommo nests a note's ids under {@code note}: {@code leads[note][0][note][id]}, not {@code leads[note][0][id]}. */
    @Test
    void aNoteDeliveryAsKommoSendsItIsStoredAndAcknowledged() {
        String form = "leads[note][0][note][id]=55501&leads[note][0][note][note_type]=4"
                + "&leads[note][0][note][element_id]=987654322&leads[note][0][note][element_type]=2"
                + "&leads[note][0][note][text]=Cliente+pediu+retorno&account[subdomain]=solarprime&account[id]=31000001";

        HttpResponse<String> reply = new Http(port).post("/webhooks/kommo/automation-secret",
                "application/x-www-form-urlencoded", form);

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM inbox WHERE source = 'kommo' AND payload LIKE '%987654322%'")
                .query(Long.class).single()).isEqualTo(1);
    }
}
