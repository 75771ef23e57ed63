package com.solarprime.integration.kommo;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/** Java callers' handle on the {@code kommo-api} route: the same single door, with Kommo's errors unwrapped. */
@Component
public class KommoClient {

    private final ProducerTemplate producer;

    public KommoClient(ProducerTemplate producer) {
        this.producer = producer;
    }

    /** The parsed answer, or null when Kommo answered 204 (nothing found). */
    public JsonNode call(KommoRequest request) {
        try {
            return producer.requestBody("direct:kommo-api", request, JsonNode.class);
        } catch (CamelExecutionException e) {
            throw translate(e.getCause() == null ? e : e.getCause());
        }
    }

    static KommoException translate(Throwable cause) {
        if (cause instanceof KommoException kommo) {
            return kommo;
        }
        if (cause instanceof CallNotPermittedException) {
            return KommoException.unavailable("circuit breaker open after repeated failures", cause);
        }
        return KommoException.unavailable(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }
}
