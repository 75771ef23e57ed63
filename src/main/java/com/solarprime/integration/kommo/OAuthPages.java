package com.solarprime.integration.kommo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/** The page the operator's browser lands on after Kommo's consent screen. */
@Component("oauthPages")
public class OAuthPages {

    private final String template;

    public OAuthPages() {
        try {
            template = new ClassPathResource("templates/ops/oauth-result.html").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void render(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        OAuthFlow.Outcome outcome = exchange.getMessage().getMandatoryBody(OAuthFlow.Outcome.class);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, outcome.connected() ? 200 : 400);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getMessage().setBody(template
                .replace("{{class}}", outcome.connected() ? "ok" : "fail")
                .replace("{{title}}", outcome.connected() ? "Kommo connected" : "Kommo not connected")
                .replace("{{message}}", HtmlUtils.htmlEscape(outcome.message())));
    }
}
