package com.solarprime.integration.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Answers a {@link ClientError}: its status, a short JSON reason, none of the request's headers echoed. */
@Component("clientErrors")
public class ClientErrors {

    private static final Logger log = LoggerFactory.getLogger(ClientErrors.class);

    private final ObjectMapper json;

    public ClientErrors(ObjectMapper json) {
        this.json = json;
    }

    public void reply(Exchange exchange) throws JsonProcessingException {
        ClientError error = clientError(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        // Refusals are the client's business and can come by the thousand: not worth a line each at INFO.
        log.debug("Route {} refused a request with {}: {}", exchange.getFromRouteId(), error.status(),
                LogSanitizer.clean(error.getMessage()));
        Map<String, Object> body = new LinkedHashMap<>();
        HttpStatus status = HttpStatus.resolve(error.status());
        body.put("error", status == null ? "error" : status.name().toLowerCase());
        body.put("reason", error.getMessage());
        if (error.details() != null) {
            body.put("details", error.details());
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, error.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json.writeValueAsString(body));
    }

    /** Bean expressions wrap what the bean threw: the refusal is somewhere in the cause chain. */
    private static ClientError clientError(Throwable caught) {
        for (Throwable t = caught; t != null; t = t.getCause()) {
            if (t instanceof ClientError error) {
                return error;
            }
        }
        throw new IllegalStateException("no ClientError in the cause chain", caught);
    }
}
