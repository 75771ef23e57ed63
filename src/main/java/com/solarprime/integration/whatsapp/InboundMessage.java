package com.solarprime.integration.whatsapp;

import com.solarprime.integration.shared.PhoneNumbers;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One WhatsApp message as the provider reported it, in either direction.
 *
 * @param provider which gateway delivered it
 * @param providerMessageId the provider's id; unique per message, so it is also the dedupe key
 * @param remoteJid the address WhatsApp uses for this chat: a phone JID for Evolution (possibly the
 *                  12-digit legacy form), the {@code wa_id} for the Cloud API; null when only a LID is known
 * @param lidJid the {@code NNN@lid} identity when Evolution reported one, else null
 * @param phone E.164 of the lead; null only when Evolution sent a LID without its phone number, in
 *              which case the lead can only be found by {@code lidJid}
 * @param direction {@code IN} from the lead, {@code OUT} from our side (the agent or a salesperson)
 * @param pushName the lead's WhatsApp profile name; null on outbound messages, where it would be ours
 * @param text the text, null for media and other non-text messages
 * @param messageType what kind of message it is
 * @param sentAt when WhatsApp says it was sent
 */
public record InboundMessage(Provider provider, String providerMessageId, String remoteJid, String lidJid,
                             String phone, Direction direction, String pushName, String text,
                             MessageType messageType, Instant sentAt) {

    public InboundMessage {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(messageType, "messageType");
        Objects.requireNonNull(sentAt, "sentAt");
        if (phone == null && lidJid == null) {
            throw new IllegalArgumentException("a message needs a phone number or a LID");
        }
    }

    public String dedupeKey() {
        return providerMessageId;
    }

    public boolean fromMe() {
        return direction == Direction.OUT;
    }

    /** Records end up in logs: the phone and addresses are masked and the text left out. */
    @Override
    public String toString() {
        return "InboundMessage[" + provider.dbValue() + " " + providerMessageId + " " + direction.dbValue()
                + " " + messageType.dbValue() + " phone=" + PhoneNumbers.mask(phone)
                + (lidJid == null ? "" : " lid") + " sentAt=" + sentAt + "]";
    }

    /** Values match the {@code message.provider} column. */
    public enum Provider {
        EVOLUTION, META;

        public String dbValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Values match the {@code message.direction} column. */
    public enum Direction {
        IN, OUT;

        public String dbValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum MessageType {
        TEXT, IMAGE, AUDIO, VIDEO, DOCUMENT, STICKER, LOCATION, CONTACT, REACTION, INTERACTIVE, OTHER;

        /** The value stored in {@code message.message_type}. */
        public String dbValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
