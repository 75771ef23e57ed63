package com.solarprime.integration.whatsapp;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a provider's webhook body turned out to be. The route answers {@link Accepted} and
 * {@link Ignored} with 200 (only the former is stored and processed) and {@link Invalid} with 400
 * and the reason.
 */
public sealed interface ParsedWebhook {

    /** One or more messages (Evolution always delivers exactly one). */
    record Accepted(List<InboundMessage> messages) implements ParsedWebhook {

        public Accepted {
            if (messages.isEmpty()) {
                throw new IllegalArgumentException("an accepted delivery carries at least one message");
            }
            messages = List.copyOf(messages);
        }

        /** Identical for every retry of the same delivery: the message ids in delivery order. */
        public String dedupeKey() {
            return messages.stream().map(InboundMessage::dedupeKey).collect(Collectors.joining(","));
        }
    }

    /** A well-formed delivery that carries nothing for us (other events, groups, receipts). */
    record Ignored(String reason) implements ParsedWebhook {
    }

    /** Not the provider's JSON, or missing what every message must have. */
    record Invalid(String reason) implements ParsedWebhook {
    }
}
