package com.solarprime.integration.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.shared.LogSanitizer;
import com.solarprime.integration.shared.PhoneNumbers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What the Evolution and Meta gateways share: one JDK HTTP client with the configured timeouts, transport
 * failures turned into retryable {@link WhatsAppSendException}s, and scrubbing of anything quoted from
 * the provider so that no credential or full phone number reaches an exception message or a log.
 */
final class ProviderHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final int MAX_QUOTED = 300;
    private static final int MIN_SECRET_LENGTH = 4;

    private final String providerName;
    private final HttpClient client;
    private final Duration responseTimeout;
    private final List<String> secrets;

    /**
     * @param providerName as it appears in messages ("Evolution", "Meta")
     * @param secrets values never to be quoted (API key, access token)
     */
    ProviderHttp(String providerName, WhatsAppProperties properties, HttpClient.Version version, String... secrets) {
        this.providerName = providerName;
        this.responseTimeout = properties.responseTimeout();
        this.client = HttpClient.newBuilder()
                .version(version)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        List<String> kept = new ArrayList<>();
        for (String secret : secrets) {
            if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
                kept.add(secret);
            }
        }
        this.secrets = List.copyOf(kept);
    }

    /** A provider's answer: its status, body and the body as JSON (a missing node when it is not JSON). */
    record Answer(int status, String body, JsonNode json) {

        boolean successful() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * POSTs the JSON body. Any answer, whatever its status, is returned; not getting one (refused or reset
     * connection, connect or response timeout) is a retryable {@link WhatsAppSendException}. A response
     * timeout may hide a message the provider did send: the caller's retry then risks a duplicate, which is
     * preferred over losing the message.
     */
    Answer post(URI uri, Map<String, String> headers, ObjectNode body, String to) {
        return send(uri, headers, "application/json",
                HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8), to);
    }

    /**
     * POSTs {@code multipart/form-data}: the text fields, then the file as part {@code fileField} with its name and
     * type. Answers and failures as {@link #post}.
     */
    Answer postMultipart(URI uri, Map<String, String> headers, Map<String, String> fields, String fileField,
                         OutboundMessage.Image file, String to) {
        String boundary = "solarprime-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n"));
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + file.fileName().replace("\"", "") + "\"\r\nContent-Type: " + file.mimeType() + "\r\n\r\n");
        body.writeBytes(file.bytes());
        write(body, "\r\n--" + boundary + "--\r\n");
        return send(uri, headers, "multipart/form-data; boundary=" + boundary,
                HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()), to);
    }

    private Answer send(URI uri, Map<String, String> headers, String contentType, HttpRequest.BodyPublisher body,
                        String to) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(responseTimeout)
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .POST(body);
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new WhatsAppSendException(providerName + " could not be reached within "
                    + millis(client.connectTimeout().orElse(null)) + " (sending to " + PhoneNumbers.mask(to) + ")",
                    true, "timeout");
        } catch (HttpTimeoutException e) {
            throw new WhatsAppSendException(providerName + " did not answer within " + millis(responseTimeout)
                    + " (sending to " + PhoneNumbers.mask(to) + ")", true, "timeout");
        } catch (ConnectException e) {
            throw new WhatsAppSendException(providerName + " refused the connection (sending to "
                    + PhoneNumbers.mask(to) + ")" + detail(e, to), true, "connection");
        } catch (IOException e) {
            throw new WhatsAppSendException(providerName + " connection failed (sending to "
                    + PhoneNumbers.mask(to) + "): " + e.getClass().getSimpleName() + detail(e, to), true, "io");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WhatsAppSendException("Interrupted while sending to " + PhoneNumbers.mask(to) + " through "
                    + providerName, true, "interrupted");
        }
        String text = response.body() == null ? "" : response.body();
        return new Answer(response.statusCode(), text, parse(text));
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Text quoted from the provider or an exception, made safe for messages and logs: credentials and the
     * recipient's number removed, other phone numbers masked, cut to a readable length.
     */
    String scrub(String text, String to) {
        if (text == null) {
            return "";
        }
        String out = text.replaceAll("\\s+", " ").strip();
        for (String secret : secrets) {
            out = out.replace(secret, "***");
        }
        String digits = to == null ? "" : to.replaceAll("\\D", "");
        if (digits.length() > 4) {
            out = out.replace(digits, PhoneNumbers.mask(digits));
        }
        out = LogSanitizer.clean(out);
        return out.length() > MAX_QUOTED ? out.substring(0, MAX_QUOTED) + "..." : out;
    }

    /**
     * Refuses to create a gateway without its settings, naming every missing environment variable at once.
     *
     * @param variables environment variable → configured value, in the order to report them
     */
    static void requireSettings(String provider, Map<String, String> variables) {
        List<String> missing = new ArrayList<>();
        variables.forEach((variable, value) -> {
            if (value == null || value.isBlank()) {
                missing.add(variable);
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalStateException("WHATSAPP_PROVIDER=" + provider
                    + " needs these environment variables: " + String.join(", ", missing));
        }
    }

    /** An http(s) base URL without trailing slashes; a clear startup error otherwise. */
    static String baseUrl(String value, String variable) {
        String url = value.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(variable + " is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalStateException(variable + " must be an http(s) URL, e.g. https://evo.example.com");
        }
        return url;
    }

    /** One path segment, percent-encoded. */
    static String segment(String value) {
        return URLEncoder.encode(value.strip(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    static boolean isRateLimitOrServerError(int status) {
        return status == 429 || status >= 500;
    }

    private String detail(Exception e, String to) {
        String message = scrub(e.getMessage(), to);
        return message.isEmpty() ? "" : ": " + message;
    }

    private static String millis(Duration duration) {
        return duration == null ? "the connect timeout" : duration.toMillis() + " ms";
    }

    private static JsonNode parse(String text) {
        if (text.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JSON.missingNode();
        }
    }
}
