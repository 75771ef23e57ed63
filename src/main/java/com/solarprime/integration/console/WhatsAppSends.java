package com.solarprime.integration.console;

import com.solarprime.integration.shared.Failures;
import com.solarprime.integration.whatsapp.WhatsAppSendException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The last send of this instance through the one door out to WhatsApp (the {@code whatsapp-send} route records it),
 * as the console's overview shows it. Kept in memory: each instance knows its own last send, and a restart forgets it.
 */
@Component("whatsappSends")
public class WhatsAppSends {

    /**
     * @param messageId the provider's id of the sent message, null when refused
     * @param error why the provider refused, scrubbed of secrets and numbers; null when sent
     * @param retryable whether the refusal may pass on a later attempt
     */
    public record LastSend(Instant at, boolean ok, String messageId, String error, boolean retryable) {
    }

    private final Clock clock;
    private final AtomicReference<LastSend> last = new AtomicReference<>();

    public WhatsAppSends(Clock clock) {
        this.clock = clock;
    }

    /** The provider took the message; the body (its id) flows on. */
    public void sent(Exchange exchange) {
        last.set(new LastSend(clock.instant(), true, exchange.getMessage().getBody(String.class), null, false));
    }

    /** The provider refused: recorded, then the same refusal goes back to the caller, who decides what it means. */
    public void refused(Exchange exchange) throws Exception {
        Exception refusal = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (refusal == null) {
            throw new IllegalStateException("whatsapp-send caught no exception");
        }
        boolean retryable = refusal instanceof WhatsAppSendException send && send.retryable();
        last.set(new LastSend(clock.instant(), false, null, Failures.reason(refusal), retryable));
        throw refusal;
    }

    public Optional<LastSend> last() {
        return Optional.ofNullable(last.get());
    }
}
