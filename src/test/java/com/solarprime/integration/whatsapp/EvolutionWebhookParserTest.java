package com.solarprime.integration.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.shared.PhoneNumbers;
import com.solarprime.integration.whatsapp.InboundMessage.Direction;
import com.solarprime.integration.whatsapp.InboundMessage.MessageType;
import com.solarprime.integration.whatsapp.InboundMessage.Provider;
import com.solarprime.integration.whatsapp.ParsedWebhook.Accepted;
import com.solarprime.integration.whatsapp.ParsedWebhook.Ignored;
import com.solarprime.integration.whatsapp.ParsedWebhook.Invalid;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvolutionWebhookParserTest {

    private final EvolutionWebhookParser parser = new EvolutionWebhookParser(new ObjectMapper());

    @Test
    void textMessage() {
        InboundMessage message = single("evolution/text.json");

        assertThat(message).isEqualTo(new InboundMessage(Provider.EVOLUTION, "3EB0C767D26A1D8B5F2E",
                "5581999999999@s.whatsapp.net", null, "+5581999999999", Direction.IN, "João Silva",
                "Oi, minha conta de luz vem uns R$ 3.500", MessageType.TEXT, Instant.ofEpochSecond(1764403200)));
        assertThat(message.dedupeKey()).isEqualTo("3EB0C767D26A1D8B5F2E");
    }

    @Test
    void extendedTextMessage() {
        InboundMessage message = single("evolution/extended-text.json");

        assertThat(message.text()).isEqualTo("Vi o anúncio: https://solarprime.example");
        assertThat(message.messageType()).isEqualTo(MessageType.TEXT);
    }

    @Test
    void lidSenderIsResolvedThroughRemoteJidAltAndBothAreKept() {
        InboundMessage message = single("evolution/lid-remote-jid-alt.json");

        assertThat(message.phone()).isEqualTo("+5581977776666");
        assertThat(message.remoteJid()).isEqualTo("5581977776666@s.whatsapp.net");
        assertThat(message.lidJid()).isEqualTo("123456789012345@lid");
        assertThat(message.sentAt()).isEqualTo(Instant.ofEpochSecond(1764403320));
    }

    @Test
    void olderBuildsCarryThePhoneOfALidInSenderPn() {
        InboundMessage message = single("evolution/lid-sender-pn.json");

        assertThat(message.phone()).isEqualTo("+5581977776666");
        assertThat(message.remoteJid()).isEqualTo("558177776666@s.whatsapp.net");
        assertThat(message.lidJid()).isEqualTo("123456789012345@lid");
    }

    @Test
    void aLidWithoutPhoneIsKeptForMatchingByLid() {
        InboundMessage message = single("evolution/lid-only.json");

        assertThat(message.phone()).isNull();
        assertThat(message.remoteJid()).isNull();
        assertThat(message.lidJid()).isEqualTo("123456789012345@lid");
    }

    @Test
    void theLegacy12DigitJidIsTheSameLeadButKeptForSending() {
        InboundMessage message = single("evolution/legacy-12-digit.json");

        assertThat(message.phone()).isEqualTo("+5581999999999");
        assertThat(message.remoteJid()).isEqualTo("558199999999@s.whatsapp.net");
        assertThat(PhoneNumbers.sendDigits(message.phone(), message.remoteJid())).isEqualTo("558199999999");
    }

    @Test
    void ourOwnMessagesAreOutboundAndDoNotNameTheLead() {
        InboundMessage message = single("evolution/from-me.json");

        assertThat(message.direction()).isEqualTo(Direction.OUT);
        assertThat(message.fromMe()).isTrue();
        assertThat(message.pushName()).isNull();
        assertThat(message.phone()).isEqualTo("+5581999999999");
        assertThat(message.text()).startsWith("Olá João!");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "evolution/image.json, IMAGE",
            "evolution/audio.json, AUDIO"
    })
    void mediaKeepsItsTypeAndHasNoText(String fixture, MessageType type) {
        InboundMessage message = single(fixture);

        assertThat(message.messageType()).isEqualTo(type);
        assertThat(message.text()).isNull();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "evolution/group.json             | group message",
            "evolution/status-broadcast.json  | status or broadcast message",
            "evolution/messages-update.json   | event messages.update",
            "evolution/connection-update.json | event connection.update"
    })
    void ignored(String fixture, String reason) {
        assertThat(parser.parse(Fixtures.read(fixture))).isEqualTo(new Ignored(reason));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "evolution/not-json.txt       | body is not JSON",
            "evolution/missing-key-id.json | missing data.key.id"
    })
    void invalidFixtures(String fixture, String reason) {
        assertThat(parser.parse(Fixtures.read(fixture))).isEqualTo(new Invalid(reason));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "''                                                                   | empty body",
            "[1,2]                                                                | body is not a JSON object",
            "{\"data\":{}}                                                        | missing or malformed event",
            "{\"event\":\"messages.upsert\",\"data\":[{\"key\":{\"id\":\"X\"}}]} | data is not an object",
            "{\"event\":\"messages.upsert\",\"data\":{\"key\":{\"id\":\"X\"}}}   | missing data.key.remoteJid",
            "{\"event\":\"messages.upsert\",\"data\":{\"key\":{\"id\":\"X\",\"remoteJid\":\"5581999999999@s.whatsapp.net\"}}} | missing data.messageTimestamp",
            "{\"event\":\"messages.upsert\",\"data\":{\"key\":{\"id\":\"X\",\"remoteJid\":\"123@s.whatsapp.net\"},\"messageTimestamp\":1}} | sender is not a phone number: not a valid number"
    })
    void invalidShapes(String body, String reason) {
        assertThat(parser.parse(body)).isEqualTo(new Invalid(reason));
    }

    @Test
    void upperCaseEventNamesOfOlderBuildsAreUnderstood() {
        String body = Fixtures.read("evolution/text.json").replace("\"messages.upsert\"", "\"MESSAGES_UPSERT\"");

        assertThat(parser.parse(body)).isInstanceOf(Accepted.class);
    }

    @Test
    void protocolMessagesAreNotConversation() {
        String body = """
                {"event":"messages.upsert","data":{"key":{"remoteJid":"5581999999999@s.whatsapp.net","id":"P1"},
                 "message":{"protocolMessage":{"type":"REVOKE"}},"messageType":"protocolMessage","messageTimestamp":1}}""";

        assertThat(parser.parse(body)).isInstanceOf(Ignored.class);
    }

    @Test
    void protobufLongTimestampsAreRead() {
        String body = Fixtures.read("evolution/text.json")
                .replace("\"messageTimestamp\":1764403200", "\"messageTimestamp\":{\"low\":1764403200,\"high\":0,\"unsigned\":true}");

        assertThat(single(parser.parse(body)).sentAt()).isEqualTo(Instant.ofEpochSecond(1764403200));
    }

    @Test
    void toStringMasksThePhoneAndLeavesTheTextOut() {
        String rendered = single("evolution/text.json").toString();

        assertThat(rendered).contains("***9999").doesNotContain("5581999999999").doesNotContain("conta de luz");
    }

    private InboundMessage single(String fixture) {
        return single(parser.parse(Fixtures.read(fixture)));
    }

    private static InboundMessage single(ParsedWebhook parsed) {
        assertThat(parsed).isInstanceOf(Accepted.class);
        Accepted accepted = (Accepted) parsed;
        assertThat(accepted.messages()).hasSize(1);
        assertThat(accepted.dedupeKey()).isEqualTo(accepted.messages().get(0).providerMessageId());
        return accepted.messages().get(0);
    }
}
