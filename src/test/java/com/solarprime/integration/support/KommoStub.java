package com.solarprime.integration.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;

/**
 * For {@link StubbedRouteTest}s: the one door to Kommo ({@code kommo-api}) answered by a mock, once the service has
 * started against the sandbox. Each test says what "Kommo" answers.
 */
public final class KommoStub {

    private KommoStub() {
    }

    /** The mock answering every Kommo call of this context from now on, reset; {@code json} is its answer. */
    public static MockEndpoint answering(CamelContext camel, String json) throws Exception {
        if (camel.hasEndpoint("mock:kommo-api") == null) {
            AdviceWith.adviceWith(camel, "kommo-api", route -> route.weaveAddFirst().to("mock:kommo-api").stop());
        }
        MockEndpoint kommo = camel.getEndpoint("mock:kommo-api", MockEndpoint.class);
        kommo.reset();
        kommo.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(new ObjectMapper().readTree(json)));
        return kommo;
    }
}
