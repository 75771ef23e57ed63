package com.solarprime.integration.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

class MetaWhatsAppGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "EAAGm0PX4ZCpsBAsecret-token-42";
    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String NUMBER = "5581999991234";
    private static final String PATH = "POST /v21.0/" + PHONE_NUMBER_ID + "/messages";
    private static final String SENT = """
            {"messaging_product":"whatsapp","contacts":[{"input":"5581999991234","wa_id":"5581999991234"}],
             "messages":[{"id":"wamid.HBgMNTU4MTk5OTk5MTIzNBUCABEYEjY3"}]}""";

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
    void postsFreeTextWithBearerTokenAndReturnsMessageId() throws Exception {
        stub.on(PATH, request -> Reply.json(200, SENT));

        String id = gateway(stub.url()).sendText("+" + NUMBER, "Olá João, tudo bem?");

        assertThat(id).isEqualTo("wamid.HBgMNTU4MTk5OTk5MTIzNBUCABEYEjY3");
        Received request = stub.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v21.0/" + PHONE_NUMBER_ID + "/messages");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("""
                {"messaging_product":"whatsapp","to":"5581999991234","type":"text",
                 "text":{"body":"Olá João, tudo bem?"}}"""));
    }

    @Test
    void postsTemplateWithLanguageAndBodyParameters() throws Exception {
        stub.on(PATH, request -> Reply.json(200, SENT));
        OutboundMessage message = new OutboundMessage(NUMBER, "Oi João, ainda tem interesse?",
                new OutboundMessage.Template("solarprime_follow_up_daily", "pt_BR", List.of("João", "R$ 3.500")));

        String id = gateway(stub.url()).send(message);

        assertThat(id).isEqualTo("wamid.HBgMNTU4MTk5OTk5MTIzNBUCABEYEjY3");
        assertThat(JSON.readTree(stub.received().get(0).body())).isEqualTo(JSON.readTree("""
                {"messaging_product":"whatsapp","to":"5581999991234","type":"template",
                 "template":{"name":"solarprime_follow_up_daily","language":{"code":"pt_BR"},
                   "components":[{"type":"body","parameters":[{"type":"text","text":"João"},
                                                             {"type":"text","text":"R$ 3.500"}]}]}}"""));
    }

    @Test
    void templateWithoutParametersHasNoComponentsAndDefaultsToPortuguese() throws Exception {
        stub.on(PATH, request -> Reply.json(200, SENT));
        OutboundMessage message = new OutboundMessage(NUMBER, "Olá!",
                new OutboundMessage.Template("solarprime_reengagement", null, null));

        gateway(stub.url()).send(message);

        assertThat(JSON.readTree(stub.received().get(0).body())).isEqualTo(JSON.readTree("""
                {"messaging_product":"whatsapp","to":"5581999991234","type":"template",
                 "template":{"name":"solarprime_reengagement","language":{"code":"pt_BR"}}}"""));
    }

    @Test
    void anImageIsUploadedThenSentByItsMediaIdWithTheTextAsCaption() throws Exception {
        stub.on("POST /v21.0/" + PHONE_NUMBER_ID + "/media", request -> Reply.json(200, "{\"id\":\"1037543291543636\"}"));
        stub.on(PATH, request -> Reply.json(200, SENT));
        OutboundMessage.Image chart = new OutboundMessage.Image("fake png bytes".getBytes(), "image/png", "funil.png");

        String id = gateway(stub.url()).send(OutboundMessage.image(NUMBER, chart, "📊 RELATÓRIO SEMANAL"));

        assertThat(id).isEqualTo("wamid.HBgMNTU4MTk5OTk5MTIzNBUCABEYEjY3");
        Received upload = stub.received().get(0);
        assertThat(upload.path()).isEqualTo("/v21.0/" + PHONE_NUMBER_ID + "/media");
        assertThat(upload.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        String boundary = upload.header("Content-Type").replaceFirst("^multipart/form-data; boundary=", "");
        assertThat(upload.body()).isEqualTo("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"messaging_product\"\r\n\r\nwhatsapp\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"type\"\r\n\r\nimage/png\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"funil.png\"\r\n"
                + "Content-Type: image/png\r\n\r\nfake png bytes\r\n"
                + "--" + boundary + "--\r\n");
        assertThat(JSON.readTree(stub.received().get(1).body())).isEqualTo(JSON.readTree("""
                {"messaging_product":"whatsapp","to":"5581999991234","type":"image",
                 "image":{"id":"1037543291543636","caption":"📊 RELATÓRIO SEMANAL"}}"""));
    }

    @Test
    void aRefusedUploadSendsNothingAndIsClassifiedLikeASend() {
        stub.on("POST /v21.0/" + PHONE_NUMBER_ID + "/media", request -> Reply.json(400, """
                {"error":{"message":"(#100) Param file must be a file with one of the following types",
                  "type":"OAuthException","code":100,"fbtrace_id":"AbC"}}"""));
        OutboundMessage.Image chart = new OutboundMessage.Image("x".getBytes(), "image/png", "funil.png");

        WhatsAppSendException e = catchThrowableOfType(WhatsAppSendException.class,
                () -> gateway(stub.url()).send(OutboundMessage.image(NUMBER, chart, "Relatório")));

        assertThat(e.retryable()).isFalse();
        assertThat(e.code()).isEqualTo("100");
        assertThat(stub.count("POST", "/v21.0/" + PHONE_NUMBER_ID + "/messages")).isZero();
    }

    @Test
    void phoneJidIsSentAsItsDigitsAndGroupsAreRefusedWithoutACall() throws Exception {
        stub.on(PATH, request -> Reply.json(200, SENT));
        MetaWhatsAppGateway gateway = gateway(stub.url());

        gateway.sendText("558199991234:3@s.whatsapp.net", "Oi");
        assertThat(JSON.readTree(stub.received().get(0).body()).get("to").asText()).isEqualTo("558199991234");

        WhatsAppSendException e = catchThrowableOfType(WhatsAppSendException.class,
                () -> gateway.sendText("120363025246125486@g.us", "Relatório"));
        assertThat(e.retryable()).isFalse();
        assertThat(e.code()).isEqualTo("group-unsupported");
        assertThat(stub.received()).hasSize(1);
    }

    @Test
    void outsideTheWindowIsPermanentWithMetaCode() {
        stub.on(PATH, request -> Reply.json(400, metaError(131047, "(#131047) Re-engagement message",
                "Message failed to send because more than 24 hours have passed since the customer last replied "
                        + "to this number.")));

        WhatsAppSendException e = sendFailure(gateway(stub.url()));

        assertThat(e.retryable()).isFalse();
        assertThat(e.code()).isEqualTo("131047");
        assertThat(e.getMessage()).contains("HTTP 400", "error 131047", "***1234", "template");
        assertNoSecrets(e);
    }

    @Test
    void throughputLimitIsRetryableWhateverTheStatus() {
        stub.on(PATH, request -> Reply.json(400, metaError(130429, "(#130429) Rate limit hit",
                "Cloud API message throughput has been reached.")));

        WhatsAppSendException e = sendFailure(gateway(stub.url()));

        assertThat(e.retryable()).isTrue();
        assertThat(e.code()).isEqualTo("130429");
        assertNoSecrets(e);
    }

    @ParameterizedTest(name = "Meta error {0} on HTTP {1} → retryable {2}")
    @CsvSource({
            "4, 400, true",
            "80007, 400, true",
            "130429, 429, true",
            "131048, 400, true",
            "131056, 400, true",
            "131000, 500, true",
            "131026, 400, false",
            "131030, 400, false",
            "100, 400, false",
            "131047, 400, false",
            "131050, 400, false",
            "131009, 400, false",
            "190, 401, false",
            "131999, 503, true"
    })
    void classifiesMetaErrorCodes(int code, int status, boolean retryable) {
        stub.on(PATH, request -> Reply.json(status, metaError(code, "(#" + code + ") Something", null)));

        WhatsAppSendException e = sendFailure(gateway(stub.url()));

        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.code()).isEqualTo(String.valueOf(code));
        assertNoSecrets(e);
    }

    @Test
    void serverErrorWithoutMetaBodyIsRetryableWithHttpStatus() {
        stub.on(PATH, request -> Reply.html(502, "<html><body>Bad Gateway</body></html>"));

        WhatsAppSendException e = sendFailure(gateway(stub.url()));

        assertThat(e.retryable()).isTrue();
        assertThat(e.code()).isEqualTo("502");
    }

    @Test
    void tooManyRequestsIsRetryable() {
        stub.on(PATH, request -> Reply.json(429, "{}"));

        WhatsAppSendException e = sendFailure(gateway(stub.url()));

        assertThat(e.retryable()).isTrue();
        assertThat(e.code()).isEqualTo("429");
    }

    @Test
    void echoedTokenAndNumberNeverReachTheMessage() {
        stub.on(PATH, request -> Reply.json(401, metaError(190, "Invalid OAuth access token - Cannot parse access "
                + "token " + TOKEN + " for " + NUMBER, "token " + TOKEN)));

        WhatsAppSendException e = sendFailure(gateway(stub.url()));

        assertThat(e.retryable()).isFalse();
        assertThat(e.code()).isEqualTo("190");
        assertThat(e.getMessage()).contains("META_ACCESS_TOKEN");
        assertNoSecrets(e);
    }

    @Test
    void acceptedWithoutIdIsNotRetried() {
        stub.on(PATH, request -> Reply.json(200, "{\"messaging_product\":\"whatsapp\",\"messages\":[]}"));

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
    void responseTimeoutIsRetryable() {
        CountDownLatch release = new CountDownLatch(1);
        stub.on(PATH, request -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.json(200, SENT);
        });
        try {
            long started = System.nanoTime();
            WhatsAppSendException e = sendFailure(gateway(stub.url(), Duration.ofMillis(500)));

            assertThat(e.retryable()).isTrue();
            assertThat(e.code()).isEqualTo("timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertNoSecrets(e);
        } finally {
            release.countDown();
        }
    }

    @Test
    void missingSettingsFailStartupNamingEveryVariable() {
        assertThatThrownBy(() -> new MetaWhatsAppGateway(new WhatsAppProperties("meta", null, null,
                new WhatsAppProperties.Meta(" ", null, "app-secret", "verify", null), null, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("META_PHONE_NUMBER_ID, META_ACCESS_TOKEN");
        assertThatThrownBy(() -> new MetaWhatsAppGateway(new WhatsAppProperties("meta", null, null,
                new WhatsAppProperties.Meta(PHONE_NUMBER_ID, null, null, null, null), null, null)))
                .hasMessageContaining("META_ACCESS_TOKEN")
                .hasMessageNotContaining("META_PHONE_NUMBER_ID");
    }

    @Test
    void logsOneLineWithMaskedNumberAndIdButNeitherTextNorToken() {
        stub.on(PATH, request -> Reply.json(200, SENT));
        Logger logger = (Logger) LoggerFactory.getLogger(MetaWhatsAppGateway.class);
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
        assertThat(line.getFormattedMessage()).contains("***1234", "wamid.HBgMNTU4MTk5OTk5MTIzNBUCABEYEjY3")
                .doesNotContain("Conta de luz", TOKEN, NUMBER);
    }

    private static MetaWhatsAppGateway gateway(String baseUrl) {
        return gateway(baseUrl, Duration.ofSeconds(10));
    }

    private static MetaWhatsAppGateway gateway(String baseUrl, Duration responseTimeout) {
        return new MetaWhatsAppGateway(new WhatsAppProperties("meta", null, null,
                new WhatsAppProperties.Meta(PHONE_NUMBER_ID, TOKEN, "app-secret", "verify-token", baseUrl + "/v21.0"),
                Duration.ofSeconds(2), responseTimeout));
    }

    private static String metaError(int code, String message, String details) {
        var error = JSON.createObjectNode();
        var body = error.putObject("error");
        body.put("message", message).put("type", "OAuthException").put("code", code).put("fbtrace_id", "AbCdEf");
        if (details != null) {
            body.putObject("error_data").put("messaging_product", "whatsapp").put("details", details);
        }
        return error.toString();
    }

    private static WhatsAppSendException sendFailure(MetaWhatsAppGateway gateway) {
        WhatsAppSendException e = catchThrowableOfType(WhatsAppSendException.class,
                () -> gateway.sendText(NUMBER, "Oi João"));
        assertThat(e).as("a WhatsAppSendException").isNotNull();
        return e;
    }

    private static void assertNoSecrets(WhatsAppSendException e) {
        assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain(NUMBER).doesNotContain("999991234");
    }
}
