package com.solarprime.integration.ops;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * Refusals made before a route runs (no such method, a content type a route does not consume, an unknown path) get
 * the body every route's refusal has, {@code error} as the status in snake case and a {@code reason}, and nothing else.
 * A browser asking for a page gets Spring's error page as before. A server error's reason is only its status: what
 * failed inside is logged, not told to the client.
 */
@Component
class ServletErrorBodies extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) {
            return super.getErrorAttributes(request, options);
        }
        Map<String, Object> attributes = super.getErrorAttributes(request,
                options.including(ErrorAttributeOptions.Include.MESSAGE));
        HttpStatus status = attributes.get("status") instanceof Integer code ? HttpStatus.resolve(code) : null;
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        Object message = attributes.get("message");
        boolean told = status.is4xxClientError() && message instanceof String text && !text.isBlank()
                && !"No message available".equals(text);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", status.name().toLowerCase(Locale.ROOT));
        body.put("reason", told ? message : status.getReasonPhrase());
        return body;
    }
}
