package com.solarprime.integration.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.kommo.KommoClient;
import com.solarprime.integration.kommo.KommoRequest;
import com.solarprime.integration.support.IntegrationTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * routes/kommo-api.camel.yaml with Kommo's HTTP replaced by a mock (in a context of its own, since every Kommo call
 * goes through this route): a 429 is waited out and retried, with the bearer token, and Kommo's JSON comes back.
 */
@CamelSpringBootTest
@IntegrationTest
@TestPropertySource(properties = "solarprime.test.context=kommo-http-stubbed")
class KommoApiRouteTest {

    @Autowired
    CamelContext camel;
    @Autowired
    KommoClient kommo;

    @Test
    void aRateLimitedCallWaitsRetryAfterAndIsSentAgain() throws Exception {
        // Nothing else of this context may call Kommo meanwhile.
        camel.getRouteController().stopRoute("kommo-reconcile");
        AdviceWith.adviceWith(camel, "kommo-api", route -> route.weaveByToUri("http://kommo*").replace().to("mock:kommo-http"));
        MockEndpoint http = camel.getEndpoint("mock:kommo-http", MockEndpoint.class);
        AtomicInteger calls = new AtomicInteger();
        http.whenAnyExchangeReceived(exchange -> {
            boolean first = calls.incrementAndGet() == 1;
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, first ? 429 : 200);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getMessage().setBody(first ? "{\"retry_after\":1}" : "{\"id\":31000001,\"subdomain\":\"solarprime\"}");
        });
        http.expectedMessageCount(2);
        http.allMessages().header("Authorization").startsWith("Bearer ");
        http.allMessages().header(Exchange.HTTP_URI).endsWith("/api/v4/account");

        JsonNode account = kommo.call(KommoRequest.get("/api/v4/account"));

        http.assertIsSatisfied();
        assertThat(account.path("subdomain").asText()).isEqualTo("solarprime");
    }
}
