package com.solarprime.integration.sandbox.whatsapp;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * This very service over real HTTP, as an outside caller reaches it: the simulator's deliveries and qualification
 * calls go through the same filters, routes and authentication as Evolution's and the agent's.
 */
@Component
@ConditionalOnSandbox
class OwnService {

    /** A reply of the service: its status and JSON body. */
    record Reply(int status, String body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final Environment environment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    OwnService(Environment environment) {
        this.environment = environment;
    }

    /** POSTs JSON to a path of this service; {@code headers} are name, value pairs. */
    Reply postJson(String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new Unreachable(path + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while calling " + path, e);
        }
    }

    /** The service did not answer its own call (it is shutting down, or the port is not known yet). */
    static final class Unreachable extends RuntimeException {

        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** On the loopback address, not PUBLIC_BASE_URL: the call must reach this instance, whatever is in front of it. */
    String url(String path) {
        return "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080")) + path;
    }
}
