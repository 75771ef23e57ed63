package com.solarprime.integration.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.support.Browser;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The API description at /ops/api-docs is the truth about the /api routes: it names exactly the routes there are, its
 * examples are valid, and what the running service answers, successes and refusals alike, is what it describes.
 */
@IntegrationTest
class ApiDocumentationTest {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;
    @Autowired
    ObjectMapper json;

    private Http http;
    private JsonNode description;
    private OpenApiInteractionValidator validator;

    @BeforeEach
    void readTheDescription() throws Exception {
        http = new Http(port);
        HttpResponse<String> served = http.get("/ops/api-docs/openapi.json", "Authorization", Http.ADMIN_AUTH);
        assertThat(served.statusCode()).isEqualTo(200);
        description = json.readTree(served.body());
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(served.body()).build();
    }

    @Test
    void itDescribesEveryApiRouteAndNothingElse() {
        Set<String> routes = new TreeSet<>();
        for (Route route : camel.getRoutes()) {
            if (route.getEndpoint() instanceof PlatformHttpEndpoint endpoint && endpoint.getPath().startsWith("/api/")) {
                assertThat(endpoint.getHttpMethodRestrict()).as("route %s names its method", route.getRouteId())
                        .isNotBlank();
                for (String method : endpoint.getHttpMethodRestrict().split(",")) {
                    routes.add(method.strip().toUpperCase(Locale.ROOT) + " " + endpoint.getPath());
                }
            }
        }
        Set<String> described = new TreeSet<>();
        description.path("paths").properties().forEach(path -> path.getValue().properties().stream()
                .filter(operation -> METHODS.contains(operation.getKey()))
                .forEach(operation -> described.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));

        assertThat(routes).as("the /api routes").hasSizeGreaterThanOrEqualTo(12);
        assertThat(described).isEqualTo(routes);
    }

    @Test
    void everyOperationSaysWhoMayCallItAndHowItRefusesAndItsExamplesAreValid() {
        assertThat(description.path("openapi").asText()).startsWith("3.0");
        assertThat(description.at("/components/securitySchemes/apiKey/name").asText()).isEqualTo("X-Api-Key");
        List<String> problems = new ArrayList<>();
        description.path("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            if (!METHODS.contains(entry.getKey())) {
                return;
            }
            String operation = entry.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            JsonNode spec = entry.getValue();
            if (spec.path("summary").asText().isBlank()) {
                problems.add(operation + ": no summary");
            }
            JsonNode responses = spec.path("responses");
            if (!responses.has("401")) {
                problems.add(operation + ": no 401");
            }
            responses.properties().forEach(response -> {
                if (response.getKey().startsWith("4") && !resolve(response.getValue()).at("/content/application~1json/schema/$ref")
                        .asText().endsWith("/Error")) {
                    problems.add(operation + " " + response.getKey() + ": not the Error shape");
                }
            });
            String concretePath = concrete(path.getKey(), spec);
            JsonNode requestExample = spec.at("/requestBody/content/application~1json/example");
            if (spec.has("requestBody")) {
                if (requestExample.isMissingNode()) {
                    problems.add(operation + ": no request example");
                } else {
                    SimpleRequest.Builder request = new SimpleRequest.Builder(entry.getKey(), concretePath)
                            .withContentType("application/json").withHeader("X-Api-Key", Http.API_KEY)
                            .withBody(requestExample.toString());
                    report(problems, operation + " request example", validator.validateRequest(request.build()));
                }
            }
            responses.properties().forEach(response -> {
                JsonNode example = resolve(response.getValue()).at("/content/application~1json/example");
                if (!example.isMissingNode()) {
                    report(problems, operation + " " + response.getKey() + " example", validator.validateResponse(
                            concretePath, Request.Method.valueOf(entry.getKey().toUpperCase(Locale.ROOT)),
                            SimpleResponse.Builder.status(Integer.parseInt(response.getKey()))
                                    .withContentType("application/json").withBody(example.toString()).build()));
                }
            });
        }));

        assertThat(problems).isEmpty();
    }

    @Test
    void whatTheServiceAnswersIsWhatItDescribes() throws Exception {
        List<String> problems = new ArrayList<>();
        String phone = "+55819" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        String profile = """
                {"name":"Maria Souza","phone":"%s","email":"maria@example.com","energy_bill_value":4500,
                 "solution_interest":"usina_propria","timeline":"imediato","qualification_stage":"value_assessment"}"""
                .formatted(phone);

        expect(problems, 200, "POST", "/api/leads/qualification", profile, true);
        expect(problems, 400, "POST", "/api/leads/qualification", "{\"phone\":\"12\",\"energy_bill_value\":-1}", false);
        expect(problems, 415, "POST-TEXT", "/api/leads/qualification", "name=x", false);
        expect(problems, 401, "NO-KEY", "/api/leads/" + phone, null, false);
        expect(problems, 200, "GET", "/api/leads/" + phone, null, true);
        expect(problems, 404, "GET", "/api/leads/+5581988887777", null, true);

        String dueAt = Instant.now().plusSeconds(86_400 * 3).toString();
        String followUpRequest = "{\"phone\":\"%s\",\"dueAt\":\"%s\",\"type\":\"CUSTOM\",\"text\":\"Oi {nome}\"}"
                .formatted(phone, dueAt);
        String idempotencyKey = "doc-" + phone.substring(1);
        JsonNode followUp = expect(problems, 201, "POST", "/api/follow-ups", followUpRequest, true,
                "Idempotency-Key", idempotencyKey);
        expect(problems, 200, "POST", "/api/follow-ups", followUpRequest, true, "Idempotency-Key", idempotencyKey);
        expect(problems, 422, "POST", "/api/follow-ups", followUpRequest.replace("Oi {nome}", "Olá {nome}"), true,
                "Idempotency-Key", idempotencyKey);
        expect(problems, 400, "POST", "/api/follow-ups", "{\"phone\":\"%s\",\"type\":\"CUSTOM\"}".formatted(phone), false);
        expect(problems, 200, "GET", "/api/leads/" + phone + "/follow-ups", null, true);
        expect(problems, 200, "DELETE", "/api/follow-ups/" + followUp.path("id").asLong(), null, true);
        expect(problems, 404, "DELETE", "/api/follow-ups/" + followUp.path("id").asLong(), null, true);

        JsonNode slot = freeSlot(problems);
        expect(problems, 400, "POST", "/api/meetings", "{\"phone\":\"%s\",\"start\":\"2020-01-01T10:00:00Z\"}"
                .formatted(phone), true);
        String booking = "{\"phone\":\"%s\",\"start\":\"%s\",\"source\":\"agent\"}";
        String bookingKey = "doc-meeting-" + phone.substring(1);
        Instant slotStart = Instant.parse(slot.path("start").asText());
        JsonNode meeting = expect(problems, 201, "POST", "/api/meetings", booking.formatted(phone, slotStart), true,
                "Idempotency-Key", bookingKey);
        expect(problems, 200, "POST", "/api/meetings", booking.formatted(phone, slotStart), true, "Idempotency-Key", bookingKey);
        expect(problems, 422, "POST", "/api/meetings", booking.formatted(phone, slotStart.plusSeconds(3_600)), true,
                "Idempotency-Key", bookingKey);
        expect(problems, 409, "POST", "/api/meetings",
                "{\"phone\":\"%s\",\"start\":\"%s\"}".formatted(phone, slot.path("start").asText()), true);
        String meetingPath = "/api/meetings/" + meeting.path("id").asLong();
        expect(problems, 200, "GET", meetingPath, null, true);
        expect(problems, 200, "PATCH", meetingPath, "{\"start\":\"%s\"}".formatted(
                Instant.parse(slot.path("start").asText()).plusSeconds(3_600)), true);
        expect(problems, 200, "DELETE", meetingPath, null, true);
        expect(problems, 404, "GET", "/api/meetings/999999999", null, true);
        expect(problems, 400, "GET", "/api/meetings/slots?date=tomorrow", null, false);

        expect(problems, 200, "GET", "/api/reports/weekly?week=2026-W48", null, true);
        expect(problems, 400, "GET", "/api/reports/weekly?week=2026-48", null, false);
        expect(problems, 200, "GET", "/api/reports/weekly/2026-W48.png", null, true);
        expect(problems, 400, "GET", "/api/reports/weekly/2026-W48.gif", null, false);

        // Last, since it erases the session's lead.
        String personalData = "/api/leads/" + phone + "/personal-data";
        expect(problems, 200, "GET", personalData, null, true);
        JsonNode erased = expect(problems, 200, "DELETE", personalData, null, true);
        JsonNode again = expect(problems, 200, "DELETE", personalData, null, true);
        if (!erased.path("status").asText().equals("erased") || !again.path("status").asText().equals("already_erased")) {
            problems.add("DELETE " + personalData + " answered " + erased + " then " + again);
        }
        expect(problems, 404, "GET", personalData, null, true);
        expect(problems, 400, "GET", "/api/leads/12/personal-data", null, false);

        assertThat(problems).isEmpty();
    }

    @Test
    void swaggerUiServesTheDescriptionToTheAdminOnly() {
        HttpResponse<String> ui = http.get("/ops/api-docs", "Authorization", Http.ADMIN_AUTH);
        assertThat(ui.statusCode()).isEqualTo(302);
        String page = URI.create(ui.headers().firstValue("Location").orElseThrow()).getPath();
        HttpResponse<String> index = http.get(page, "Authorization", Http.ADMIN_AUTH);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("swagger-ui").doesNotContain("https://");
        HttpResponse<String> config = http.get("/ops/api-docs/openapi.json/swagger-config", "Authorization", Http.ADMIN_AUTH);
        assertThat(config.body()).contains("\"url\":\"/ops/api-docs/openapi.json\"").contains("\"validatorUrl\":\"none\"");

        assertThat(http.get("/ops/api-docs/openapi.json").statusCode()).isEqualTo(401);
        assertThat(http.get(page).statusCode()).isEqualTo(401);
        assertThat(http.get("/ops/api-docs/openapi.json", "X-Api-Key", Http.API_KEY).statusCode())
                .as("the integration key is not the admin's").isEqualTo(401);
    }

    @Test
    void anOperatorReadsItInSwaggerUiAfterLoggingIn() {
        int operations = 0;
        for (JsonNode path : description.path("paths")) {
            operations += (int) path.properties().stream().filter(operation -> METHODS.contains(operation.getKey())).count();
        }
        try (Browser browser = Browser.open(port)) {
            browser.logIn("admin", "admin-secret").await().until(driver -> !driver.getCurrentUrl().contains("/login"));
            browser.go("/ops/api-docs");
            browser.find(By.cssSelector(".opblock"));
            int shown = operations;
            browser.await().until(driver -> driver.findElements(By.cssSelector(".opblock")).size() == shown);
            assertThat(browser.find(By.cssSelector(".info .title")).getText()).contains("SolarPrime integration API");
            browser.screenshot("api-docs");
        }
    }

    /** The first available slot at least a month ahead, so that no other test's meetings are in the way. */
    private JsonNode freeSlot(List<String> problems) throws Exception {
        LocalDate day = LocalDate.now(ZoneId.of("America/Recife")).plusDays(30 + ThreadLocalRandom.current().nextInt(300));
        for (int tries = 0; tries < 14; tries++, day = day.plusDays(1)) {
            for (JsonNode slot : expect(problems, 200, "GET", "/api/meetings/slots?date=" + day, null, true).path("slots")) {
                if (slot.path("available").asBoolean()) {
                    return slot;
                }
            }
        }
        throw new AssertionError("no free slot in two weeks from " + day);
    }

    /**
     * Sends a call as a client would and checks the answer's status, and the answer (and, for a well-formed call, the
     * call too) against the description. "POST-TEXT" posts plain text; "NO-KEY" is a GET without the key;
     * {@code headers} are names and values sent as well.
     */
    private JsonNode expect(List<String> problems, int status, String how, String target, String body, boolean wellFormed,
                            String... headers) throws Exception {
        String method = switch (how) {
            case "POST-TEXT" -> "POST";
            case "NO-KEY" -> "GET";
            default -> how;
        };
        String contentType = how.equals("POST-TEXT") ? "text/plain" : "application/json";
        HttpRequest.Builder request = http.request(target).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        if (!how.equals("NO-KEY")) {
            request.header("X-Api-Key", Http.API_KEY);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> reply = http.send(request.build());
        String answeredType = reply.headers().firstValue("Content-Type").orElse("").split(";")[0];
        boolean isJson = answeredType.equals("application/json");
        String call = how + " " + target + " → " + reply.statusCode() + " "
                + (isJson ? reply.body() : answeredType + ", " + reply.body().length() + " chars");
        if (reply.statusCode() != status) {
            problems.add(call + ": expected " + status);
        }
        URI uri = URI.create(target);
        SimpleResponse.Builder response = SimpleResponse.Builder.status(reply.statusCode()).withContentType(answeredType)
                .withBody(reply.body());
        Request.Method verb = Request.Method.valueOf(method);
        if (wellFormed) {
            SimpleRequest.Builder sent = new SimpleRequest.Builder(verb, uri.getPath()).withHeader("X-Api-Key", Http.API_KEY);
            for (int i = 0; i < headers.length; i += 2) {
                sent.withHeader(headers[i], headers[i + 1]);
            }
            if (body != null) {
                sent.withContentType(contentType).withBody(body);
            }
            queryParameters(uri).forEach(sent::withQueryParam);
            report(problems, call, validator.validate(sent.build(), response.build()));
        } else {
            report(problems, call, validator.validateResponse(uri.getPath(), verb, response.build()));
        }
        return isJson ? json.readTree(reply.body()) : json.nullNode();
    }

    private static Map<String, String> queryParameters(URI uri) {
        if (uri.getQuery() == null) {
            return Map.of();
        }
        return Arrays.stream(uri.getQuery().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair.length > 1 ? pair[1] : ""));
    }

    private static void report(List<String> problems, String what, ValidationReport report) {
        report.getMessages().forEach(message -> problems.add(what + ": " + message.getMessage()));
    }

    /** A path with its parameters replaced by their examples. */
    private String concrete(String path, JsonNode operation) {
        String concrete = path;
        for (Iterator<JsonNode> parameters = operation.path("parameters").elements(); parameters.hasNext(); ) {
            JsonNode parameter = resolve(parameters.next());
            if (parameter.path("in").asText().equals("path")) {
                concrete = concrete.replace("{" + parameter.path("name").asText() + "}", parameter.path("example").asText());
            }
        }
        return concrete;
    }

    private JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText();
        return ref.isEmpty() ? node : description.at(ref.substring(1));
    }
}
