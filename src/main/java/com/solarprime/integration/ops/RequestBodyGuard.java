package com.solarprime.integration.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a request's body once, before any route: a body over the size limit is refused with 413, a form body that
 * is not valid percent-encoding with 400, both with a short JSON reason. What passes is handed on as bytes that can
 * be read again, its form fields parsed here. Without it a malformed form fails inside platform-http's own parsing
 * (a 500 page before any route step runs) and a body that is not valid in its charset fails Camel's stream caching.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
public class RequestBodyGuard extends OncePerRequestFilter {

    /**
     * @param maxBodySize the largest request body any endpoint takes (WhatsApp webhooks may carry media as base64)
     */
    @ConfigurationProperties("solarprime.http")
    public record Limits(DataSize maxBodySize) {
    }

    private static final String FORM = "application/x-www-form-urlencoded";

    private final long maxBytes;

    public RequestBodyGuard(Limits limits) {
        this.maxBytes = limits.maxBodySize().toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method) || "DELETE".equals(method));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            refuse(response, 413, "payload_too_large", "the body is larger than " + maxBytes + " bytes");
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE));
        if (body.length > maxBytes) {
            refuse(response, 413, "payload_too_large", "the body is larger than " + maxBytes + " bytes");
            return;
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        try {
            Charset charset = charset(request);
            decode(request.getQueryString(), charset, parameters);
            if (isForm(request)) {
                decode(new String(body, charset), charset, parameters);
            }
        } catch (IllegalArgumentException malformed) {
            refuse(response, 400, "bad_request", "the body is not valid form encoding");
            return;
        }
        chain.doFilter(new ReadAgain(request, body, parameters), response);
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith(FORM);
    }

    private static Charset charset(HttpServletRequest request) {
        try {
            return request.getCharacterEncoding() == null ? StandardCharsets.UTF_8 : Charset.forName(request.getCharacterEncoding());
        } catch (IllegalArgumentException unknownCharset) {
            return StandardCharsets.UTF_8;
        }
    }

    /**
     * Form fields in order. An empty field or one without {@code =} is refused as platform-http refuses it (with a 500
     * of its own);
     * {@code URLDecoder} throws on a broken percent-escape.
     */
    private static void decode(String encoded, Charset charset, Map<String, List<String>> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&", -1)) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("a form field without a name and a value");
            }
            String name = URLDecoder.decode(pair.substring(0, equals), charset);
            String value = URLDecoder.decode(pair.substring(equals + 1), charset);
            into.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
    }

    private static void refuse(HttpServletResponse response, int status, String error, String reason) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(("{\"error\":\"" + error + "\",\"reason\":\"" + reason + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The request with its body in memory: readable again, its form fields already parsed. */
    private static final class ReadAgain extends HttpServletRequestWrapper {

        private final byte[] body;
        private final Map<String, String[]> parameters = new LinkedHashMap<>();

        ReadAgain(HttpServletRequest request, byte[] body, Map<String, List<String>> parameters) {
            super(request);
            this.body = body;
            parameters.forEach((name, values) -> this.parameters.put(name, values.toArray(String[]::new)));
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                /** The whole body is in memory: it is available at once, and all read when the listener took it. */
                @Override
                public void setReadListener(ReadListener listener) {
                    try {
                        if (!isFinished()) {
                            listener.onDataAvailable();
                        }
                        if (isFinished()) {
                            listener.onAllDataRead();
                        }
                    } catch (IOException | RuntimeException e) {
                        listener.onError(e);
                    }
                }

                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), charset((HttpServletRequest) getRequest())));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Collections.unmodifiableMap(parameters);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }
    }
}
