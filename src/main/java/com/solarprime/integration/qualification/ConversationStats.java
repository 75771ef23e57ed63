package com.solarprime.integration.qualification;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the stored conversation says about a lead's engagement; computed from the {@code message}
 * table rather than trusted from the agent.
 *
 * @param inboundCount messages the lead sent
 * @param avgResponseSeconds average seconds from one of our messages to the lead's next reply; null
 *                           when the lead never answered one of ours
 * @param lastInboundAt when the lead last wrote; null when never
 */
public record ConversationStats(int inboundCount, Double avgResponseSeconds, Instant lastInboundAt) {

    public static final ConversationStats NONE = new ConversationStats(0, null, null);

    /**
     * Computes the statistics from a conversation. A reply is timed from the latest of our messages
     * before it (the one it most likely answers); further lead messages before we speak again are not replies.
     */
    public static ConversationStats of(List<Message> messages) {
        List<Message> ordered = messages.stream().sorted(Comparator.comparing(Message::sentAt)).toList();
        int inbound = 0;
        long responses = 0;
        double totalSeconds = 0;
        Instant lastInbound = null;
        Instant awaitingSince = null;
        for (Message message : ordered) {
            if (!message.fromLead()) {
                awaitingSince = message.sentAt();
                continue;
            }
            inbound++;
            lastInbound = message.sentAt();
            if (awaitingSince != null) {
                totalSeconds += Duration.between(awaitingSince, message.sentAt()).toMillis() / 1000.0;
                responses++;
                awaitingSince = null;
            }
        }
        return new ConversationStats(inbound, responses == 0 ? null : totalSeconds / responses, lastInbound);
    }

    /** One stored message, as much of it as the statistics need. */
    public record Message(boolean fromLead, Instant sentAt) {

        public Message {
            Objects.requireNonNull(sentAt, "sentAt");
        }
    }
}
