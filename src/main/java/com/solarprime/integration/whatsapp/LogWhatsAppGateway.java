package com.solarprime.integration.whatsapp;

import com.solarprime.integration.shared.PhoneNumbers;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The {@code log} provider of local runs and tests: nothing leaves the machine; the message is logged
 * (number masked), kept in {@link LoggedMessages} for whoever wants to read it, and answered with an id like a
 * real send.
 */
@Component("whatsappGateway")
@ConditionalOnProperty(name = "solarprime.whatsapp.provider", havingValue = "log", matchIfMissing = true)
public class LogWhatsAppGateway implements WhatsAppGateway {

    private static final Logger log = LoggerFactory.getLogger(LogWhatsAppGateway.class);

    private final LoggedMessages sent;
    private final Clock clock;

    public LogWhatsAppGateway(LoggedMessages sent, Clock clock) {
        this.sent = sent;
        this.clock = clock;
    }

    @Override
    public String send(OutboundMessage message) {
        String id = "log-" + UUID.randomUUID();
        sent.add(new LoggedMessages.Sent(id, message.to(), message.text(),
                message.image() != null ? "image" : message.template() != null ? "template" : "text", clock.instant()));
        log.info("WhatsApp (log provider) to {}: {} characters{}, id {}", PhoneNumbers.mask(message.to()),
                message.text().length(), kind(message), id);
        return id;
    }

    private static String kind(OutboundMessage message) {
        if (message.image() != null) {
            return " with an image (" + message.image().mimeType() + ", " + message.image().bytes().length + " bytes)";
        }
        return message.template() == null ? "" : " as template " + message.template().name();
    }

    @Override
    public String provider() {
        return "log";
    }
}
