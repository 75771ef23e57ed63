package com.solarprime.integration.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.support.RouteTest;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** routes/http-replies.camel.yaml: a JSON reply echoes none of the request's headers or form fields. */
@RouteTest
class HttpRepliesRouteTest {

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;

    @Test
    void aReplyCarriesItsJsonAndItsStatusOnly() throws Exception {
        AdviceWith.adviceWith(camel, "json-reply", route -> route.weaveAddLast().to("mock:json-replies"));
        MockEndpoint replies = camel.getEndpoint("mock:json-replies", MockEndpoint.class);
        replies.reset();
        replies.expectedBodiesReceived("{\"status\":\"accepted\"}");
        replies.expectedHeaderReceived(Exchange.HTTP_RESPONSE_CODE, 201);

        Exchange reply = producer.request("direct:json-reply", exchange -> {
            exchange.getMessage().setHeader("leads[status][0][id]", "25399013");
            exchange.getMessage().setHeader("Authorization", "Bearer secret");
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
            exchange.getMessage().setBody(Map.of("status", "accepted"));
        });

        replies.assertIsSatisfied();
        assertThat(reply.getMessage().getHeaders()).containsOnlyKeys(Exchange.HTTP_RESPONSE_CODE, Exchange.CONTENT_TYPE);
    }
}
