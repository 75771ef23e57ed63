package com.solarprime.integration.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
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

class MetaWebhookParserTest {

    private final MetaWebhookParser parser = new MetaWebhookParser(new ObjectMapper());

    @Test
    void textMessage() {
        Accepted accepted = accepted("meta/text.json");

        assertThat(accepted.messages()).containsExactly(new InboundMessage(Provider.META,
                "wamid.HBgNNTU4MTk5OTk5OTk5ORUCABIYFjNFQjBDNzY3RDI2QTFEOEI1RjJFAA==", "5581999999999", null,
                "+5581999999999", Direction.IN, "João Silva", "Oi, quero economizar na conta de luz",
                MessageType.TEXT, Instant.ofEpochSecond(1764403200)));
        assertThat(accepted.dedupeKey()).isEqualTo("wamid.HBgNNTU4MTk5OTk5OTk5ORUCABIYFjNFQjBDNzY3RDI2QTFEOEI1RjJFAA==");
    }

    @Test
    void mediaKeepsItsTypeAndHasNoText() {
        InboundMessage message = accepted("meta/image.json").messages().get(0);

        assertThat(message.messageType()).isEqualTo(MessageType.IMAGE);
        assertThat(message.text()).isNull();
        assertThat(message.pushName()).isEqualTo("João Silva");
    }

    @Test
    void everyMessageOfADeliveryWithItsOwnProfileNameAndDedupeKey() {
        Accepted accepted = accepted("meta/two-messages.json");

        assertThat(accepted.messages())
                .extracting(InboundMessage::dedupeKey, InboundMessage::phone, InboundMessage::remoteJid,
                        InboundMessage::pushName, InboundMessage::messageType, InboundMessage::text)
                .containsExactly(
                        tuple("wamid.A1", "+5581999999999", "5581999999999", "João Silva",
                                MessageType.TEXT, "Oi"),
                        tuple("wamid.B1", "+5581977776666", "558177776666", "Maria Souza",
                                MessageType.INTERACTIVE, "Quero agendar"));
        assertThat(accepted.dedupeKey()).isEqualTo("wamid.A1,wamid.B1");
    }

    @Test
    void deliveryReceiptsAreIgnored() {
        assertThat(parser.parse(Fixtures.read("meta/statuses.json"))).isEqualTo(new Ignored("status receipts only"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "''                                                                 | empty body",
            "not json                                                           | body is not JSON",
            "\"text\"                                                           | body is not a JSON object",
            "{\"object\":\"whatsapp_business_account\"}                         | missing entry array",
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"messages\":[{\"from\":\"5581999999999\",\"timestamp\":\"1\"}]}}]}]} | message without id",
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"messages\":[{\"id\":\"w\",\"from\":\"5581999999999\"}]}}]}]} | message without timestamp",
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"messages\":[{\"id\":\"w\",\"from\":\"12\",\"timestamp\":\"1\"}]}}]}]} | sender is not a phone number: not a phone number"
    })
    void invalid(String body, String reason) {
        assertThat(parser.parse(body)).isEqualTo(new Invalid(reason));
    }

    @Test
    void aBodyForAnotherProductIsInvalid() {
        assertThat(parser.parse(Fixtures.read("meta/bad-object.json")))
                .isEqualTo(new Invalid("object is not whatsapp_business_account"));
    }

    @Test
    void aDeliveryWithNeitherMessagesNorReceiptsIsIgnored() {
        assertThat(parser.parse("{\"object\":\"whatsapp_business_account\",\"entry\":[]}"))
                .isEqualTo(new Ignored("no messages"));
    }

    private Accepted accepted(String fixture) {
        ParsedWebhook parsed = parser.parse(Fixtures.read(fixture));
        assertThat(parsed).isInstanceOf(Accepted.class);
        return (Accepted) parsed;
    }
}
