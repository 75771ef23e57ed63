package com.solarprime.integration.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.support.StubServer.Received;
import com.solarprime.integration.support.StubServer.Reply;
import com.solarprime.integration.support.StubServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class EvolutionWhatsAppGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_KEY = "evo-api-key-7f3a9c";
    private static final String NUMBER = "5581999991234";
    private static final String PATH = "POST /message/sendText/solarprime";
    private static final String SENT = """
            {"key":{"remoteJid":"5581999991234@s.whatsapp.net","fromMe":true,"id":"BAE594145F4C59B4"},
             "message":{"extendedTextMessage":{"text":"Oi"}},"messageTimestamp":"1764403200","status":"PENDING"}""";

    private StubServer stub;

    @BeforeEach
    void start() throws Exception {
        stub = new StubServer();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void postsTextWithApiKeyAndDelayAndReturnsKeyId() throws Exception {
        stub.on(PATH, request -> Reply.json(201, SENT));

        String id = gateway(stub.url()).sendText("+" + NUMBER, "Olá João, tudo bem?");

        assertThat(id).isEqualTo("BAE594145F4C59B4");
        Received request = stub.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/message/sendText/solarprime");
        assertThat(request.header("apikey")).isEqualTo(API_KEY);
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree(
                "{\"number\":\"5581999991234\",\"text\":\"Olá João, tudo bem?\",\"delay\":1200}"));
    }

    @Test
    void delayIsConfigurableAndTrailingSlashOfBaseUrlIgnored() throws Exception {
        stub.on(PATH, request -> Reply.json(201, SENT));

        new EvolutionWhatsAppGateway(properties(stub.url() + "/", Duration.ofSeconds(3), null)).sendText(NUMBER, "Oi");

        assertThat(stub.count("POST", "/message/sendText/solarprime")).isEqualTo(1);
        assertThat(JSON.readTree(stub.received().get(0).body()).get("delay").asLong()).isEqualTo(3000);
    }

    @Test
    void templateIsSentAsItsText() throws Exception {
        stub.on(PATH, request -> Reply.json(201, SENT));
        OutboundMessage message = new OutboundMessage(NUMBER, "Oi João, ainda tem interesse?",
                new OutboundMessage.Template("solarprime_follow_up_daily", "pt_BR", List.of("João")));

        gateway(stub.url()).send(message);

        JsonNode body = JSON.readTree(stub.received().get(0).body());
        assertThat(body.get("text").asText()).isEqualTo("Oi João, ainda tem interesse?");
        assertThat(body.has("template")).isFalse();
    }

    @Test
    void anImageGoesToSendMediaAsBase64WithTheTextAsCaption() throws Exception {
        stub.on("POST /message/sendMedia/solarprime", request -> Reply.json(201, SENT));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};

        String id = gateway(stub.url()).send(OutboundMessage.image("120363025246125486@g.us",
                new OutboundMessage.Image(png, "image/png", "funil-2026-W48.png"), "📊 *RELATÓRIO SEMANAL SOLARPRIME*"));

        assertThat(id).isEqualTo("BAE594145F4C59B4");
        Received request = stub.received().get(0);
        assertThat(request.header("apikey")).isEqualTo(API_KEY);
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("""
                {"number":"120363025246125486@g.us","mediatype":"image","mimetype":"image/png",
                 "caption":"📊 *RELATÓRIO SEMANAL SOLARPRIME*","media":"iVBORwECAw==",
                 "fileName":"funil-2026-W48.png","delay":1200}"""));
        assertThat(stub.count("POST", "/message/sendText/solarprime")).isZero();
    }

    @Test
    void groupIdIsPassedThrough() throws Exception {
        stub.on(PATH, request -> Reply.json(201, SENT));

        gateway(stub.url()).sendText("120363025246125486@g.us", "Relatório semanal");

        assertThat(JSON.readTree(stub.received().get(0).body()).get("number").asText())
                .isEqualTo("120363025246125486@g.us");
    }

    @Test
    void serverErrorIsRetryable() {
        stub.on(PATH, request -> Reply.json(500, "{\"status\":500,\"error\":\"Internal Server Error\","
                + "\"response\":{\"message\":[\"Connection Closed\"]}}"));

        WhatsAppSendException e = sendFailure(gateway(stub.url()));

        assertThat(e.retryable()).isTrue();
        assertThat(e.code()).isEqualTo("500");
        assertThat(e.getMessage()).contains("HTTP 500", "***1234", "Connection Closed");
        assertNoSecrets(e);
    }

    @Test
    void rateLimitIsRetryable() {
        stub.on(PATH, request -> Reply.json(429, "{\"status\":429,\"error\":\"Too Many Requests\"}"));

        WhatsAppSendException e = sendFailure(gateway(stub.url()));

        assertThat(e.retryable()).isTrue();
        assertThat(e.code()).isEqualTo("429");
        assertNoSecrets(e);
    }

    @Test
    void numberNotOnWhatsAppIsPermanent() {
        stub.on(PATH, request -> Reply.json(400, "{\"status\":400,\"error\":\"Bad Request\",\"response\":{\"message\":"
                + "[{\"jid\":\"5581999991234@s.whatsapp.net\",\"exists\":false,\"number\":\"5581999991234\"}]}}"));

        WhatsAppSendException e = sendFailure(gateway(stub.url()));

        assertThat(e.retryable()).isFalse();
        assertThat(e.code()).isEqualTo("400");
        assertThat(e.getMessage()).contains("not on WhatsApp", "***1234");
        assertNoSecrets(e);
    }

    @Test
    void notFoundAndOtherClientErrorsArePermanent() {
        stub.on(PATH, request -> Reply.json(404, "{\"status\":404,\"error\":\"Not Found\","
                + "\"response\":{\"message\":[\"The \\\"solarprime\\\" instance does not exist\"]}}"));
        WhatsAppSendException notFound = sendFailure(gateway(stub.url()));
        assertThat(notFound.retryable()).isFalse();
        assertThat(notFound.code()).isEqualTo("404");

        stub.on(PATH, request -> Reply.json(400, "{\"status\":400,\"error\":\"Bad Request\","
                + "\"response\":{\"message\":[\"text is required\"]}}"));
        WhatsAppSendException badRequest = sendFailure(gateway(stub.url()));
        assertThat(badRequest.retryable()).isFalse();
        assertThat(badRequest.code()).isEqualTo("400");
        assertThat(badRequest.getMessage()).doesNotContain("not on WhatsApp").contains("text is required");
    }

    @Test
    void unauthorizedIsPermanentAndEchoedSecretsAreScrubbed() {
        // A proxy or a debug build echoing the request: neither the key nor the number may reach the message.
        stub.on(PATH, request -> Reply.json(401, "{\"status\":401,\"error\":\"Unauthorized\",\"received\":{"
                + "\"headers\":{\"apikey\":\"" + API_KEY + "\"},\"sent key " + API_KEY + " for\":\"" + NUMBER + "\"}}"));

        WhatsAppSendException e = sendFailure(gateway(stub.url()));

        assertThat(e.retryable()).isFalse();
        assertThat(e.code()).isEqualTo("401");
        assertThat(e.getMessage()).contains("EVOLUTION_API_KEY");
        assertNoSecrets(e);
    }

    @Test
    void acceptedWithoutIdIsNotRetried() {
        stub.on(PATH, request -> Reply.json(201, "{\"status\":\"PENDING\"}"));

        WhatsAppSendException e = sendFailure(gateway(stub.url()));

        assertThat(e.retryable()).isFalse();
        assertThat(e.code()).isEqualTo("no-message-id");
    }

    @Test
    void refusedConnectionIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        WhatsAppSendException e = sendFailure(gateway("http://127.0.0.1:" + closedPort));

        assertThat(e.retryable()).isTrue();
        assertThat(e.code()).isEqualTo("connection");
        assertNoSecrets(e);
    }

    @Test
    void responseTimeoutIsRetryable() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        stub.on(PATH, request -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.json(201, SENT);
        });
        try {
            long started = System.nanoTime();
            WhatsAppSendException e = sendFailure(new EvolutionWhatsAppGateway(
                    properties(stub.url(), null, Duration.ofMillis(500))));

            assertThat(e.retryable()).isTrue();
            assertThat(e.code()).isEqualTo("timeout");
            assertThat(e.getMessage()).contains("500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertNoSecrets(e);
        } finally {
            release.countDown();
        }
    }

    @Test
    void missingSettingsFailStartupNamingEveryVariable() {
        WhatsAppProperties none = new WhatsAppProperties("evolution", null,
                new WhatsAppProperties.Evolution("", null, " ", null, null), null, null, null);

        assertThatThrownBy(() -> new EvolutionWhatsAppGateway(none))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("EVOLUTION_BASE_URL, EVOLUTION_INSTANCE, EVOLUTION_API_KEY");
        assertThatThrownBy(() -> new EvolutionWhatsAppGateway(
                new WhatsAppProperties("evolution", null, null, null, null, null)))
                .hasMessageContaining("EVOLUTION_BASE_URL, EVOLUTION_INSTANCE, EVOLUTION_API_KEY");
        assertThatThrownBy(() -> new EvolutionWhatsAppGateway(properties("evo.example.com", null, null)))
                .hasMessageContaining("EVOLUTION_BASE_URL must be an http(s) URL");
    }

    @Test
    void logsOneLineWithMaskedNumberAndIdButNeitherTextNorKey() {
        stub.on(PATH, request -> Reply.json(201, SENT));
        Logger logger = (Logger) LoggerFactory.getLogger(EvolutionWhatsAppGateway.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            gateway(stub.url()).sendText(NUMBER, "Conta de luz de R$ 3.500");
        } finally {
            logger.detachAppender(appender);
        }

        assertThat(appender.list).hasSize(1);
        ILoggingEvent line = appender.list.get(0);
        assertThat(line.getLevel().toString()).isEqualTo("INFO");
        assertThat(line.getFormattedMessage()).contains("***1234", "BAE594145F4C59B4")
                .doesNotContain("Conta de luz", API_KEY, NUMBER);
    }

    private static EvolutionWhatsAppGateway gateway(String baseUrl) {
        return new EvolutionWhatsAppGateway(properties(baseUrl, null, Duration.ofSeconds(10)));
    }

    private static WhatsAppProperties properties(String baseUrl, Duration sendDelay, Duration responseTimeout) {
        return new WhatsAppProperties("evolution", null,
                new WhatsAppProperties.Evolution(baseUrl, "solarprime", API_KEY, null, sendDelay), null,
                Duration.ofSeconds(2), responseTimeout);
    }

    private static WhatsAppSendException sendFailure(EvolutionWhatsAppGateway gateway) {
        WhatsAppSendException e = catchThrowableOfType(WhatsAppSendException.class,
                () -> gateway.sendText(NUMBER, "Oi João"));
        assertThat(e).as("a WhatsAppSendException").isNotNull();
        return e;
    }

    private static void assertNoSecrets(WhatsAppSendException e) {
        assertThat(e.getMessage()).doesNotContain(API_KEY).doesNotContain(NUMBER).doesNotContain("999991234");
    }
}
