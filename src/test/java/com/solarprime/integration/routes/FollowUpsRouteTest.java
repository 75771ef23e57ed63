package com.solarprime.integration.routes;

import static com.solarprime.integration.support.WhatsAppFixtures.freshPhone;
import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.support.StubbedRouteTest;
import com.solarprime.integration.whatsapp.OutboundMessage;
import com.solarprime.integration.whatsapp.WhatsAppSendException;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * routes/follow-ups.camel.yaml with the WhatsApp provider replaced by a mock: a due follow-up is sent once and
 * recorded; a provider that refuses for now leaves it pending for a later attempt.
 */
@StubbedRouteTest
class FollowUpsRouteTest {

    static boolean advised;

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    JdbcClient jdbc;

    MockEndpoint whatsapp;

    @BeforeEach
    void replaceTheProvider() throws Exception {
        if (!advised) {
            camel.getRouteController().stopRoute("follow-ups");
            AdviceWith.adviceWith(camel, "follow-up-send",
                    route -> route.weaveByToUri("direct:whatsapp-send").replace().to("mock:whatsapp"));
            advised = true;
        }
        whatsapp = camel.getEndpoint("mock:whatsapp", MockEndpoint.class);
        whatsapp.reset();
    }

    @Test
    void aDueConfirmationIsSentOnceAndRecorded() throws Exception {
        whatsapp.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody("wamid.route-test"));
        whatsapp.expectedMessageCount(1);
        long followUp = dueConfirmation("Pronto, Ana!");

        producer.sendBody("direct:follow-up-dispatch", (Object) null);
        producer.sendBody("direct:follow-up-dispatch", (Object) null);

        whatsapp.assertIsSatisfied();
        assertThat(whatsapp.getReceivedExchanges().get(0).getMessage().getBody(OutboundMessage.class).text())
                .isEqualTo("Pronto, Ana!");
        assertThat(jdbc.sql("SELECT status || ' ' || provider_message_id FROM follow_up WHERE id = ?").param(followUp)
                .query(String.class).single()).isEqualTo("sent wamid.route-test");
    }

    @Test
    void aProviderThatCannotTakeItNowLeavesItPendingWithTheReason() throws Exception {
        whatsapp.whenAnyExchangeReceived(exchange -> {
            throw new WhatsAppSendException("rate limited", true, "130429");
        });
        whatsapp.expectedMessageCount(1);
        long followUp = dueConfirmation("Que bom ter você de volta!");

        producer.sendBody("direct:follow-up-dispatch", (Object) null);

        whatsapp.assertIsSatisfied();
        assertThat(jdbc.sql("SELECT status || ' ' || attempts || ' ' || last_error FROM follow_up WHERE id = ?")
                .param(followUp).query(String.class).single()).isEqualTo("pending 1 rate limited");
    }

    /** A consent confirmation: sent at once, whatever the hour. */
    private long dueConfirmation(String text) {
        long lead = jdbc.sql("INSERT INTO lead (phone_e164, name) VALUES (?, 'Ana') RETURNING id").param("+" + freshPhone())
                .query(Long.class).single();
        return jdbc.sql("INSERT INTO follow_up (lead_id, type, due_at, text) VALUES (?, 'CONSENT', now(), ?) RETURNING id")
                .param(lead).param(text).query(Long.class).single();
    }
}
