package com.solarprime.integration.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.console.WhatsAppSends;
import com.solarprime.integration.support.RouteTest;
import com.solarprime.integration.whatsapp.OutboundMessage;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * routes/whatsapp-outbound.camel.yaml: the one door out to WhatsApp answers with the provider's message id, and the
 * send is remembered for the ops console's overview.
 */
@RouteTest
class WhatsAppOutboundRouteTest {

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    WhatsAppSends sends;

    @Test
    void theConfiguredProviderTakesTheMessage() {
        NotifyBuilder sent = new NotifyBuilder(camel).fromRoute("whatsapp-send").whenCompleted(1).create();

        String id = producer.requestBody("direct:whatsapp-send", OutboundMessage.text("5581999990000", "Olá!"), String.class);

        assertThat(sent.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(id).startsWith("log-");
        assertThat(sends.last()).hasValueSatisfying(last -> {
            assertThat(last.ok()).isTrue();
            assertThat(last.messageId()).isEqualTo(id);
        });
    }
}
