package com.solarprime.integration.whatsapp;

import com.solarprime.integration.shared.PhoneNumbers;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the {@code log} provider sent, kept in memory so that a local run can show it (the sandbox's WhatsApp
 * simulator shows a number's messages as its chat): the latest {@value #PER_DESTINATION} messages of each
 * destination, for the {@value #DESTINATIONS} destinations written to last. Bounded because the log provider is
 * also what benchmarks and long local runs send through; lost on restart, since the conversation's lasting record
 * is the {@code message} table. Empty with any other provider.
 */
@Component
public class LoggedMessages {

    static final int PER_DESTINATION = 200;
    static final int DESTINATIONS = 1000;

    /**
     * One message as it was handed to the provider.
     *
     * @param id the provider message id the log provider answered
     * @param to the destination as addressed (digits of a number, or a group id)
     * @param kind {@code text}, {@code template} or {@code image}
     */
    public record Sent(String id, String to, String text, String kind, Instant sentAt) {
    }

    /** Insertion order is the order of last writes: the eldest is the destination written to longest ago. */
    private final Map<String, Deque<Sent>> byDestination = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Sent>> eldest) {
            return size() > DESTINATIONS;
        }
    };

    synchronized void add(Sent sent) {
        String key = key(sent.to());
        Deque<Sent> messages = byDestination.remove(key);
        if (messages == null) {
            messages = new ArrayDeque<>();
        }
        messages.addLast(sent);
        if (messages.size() > PER_DESTINATION) {
            messages.removeFirst();
        }
        byDestination.put(key, messages);
    }

    /** The messages sent to this number (any of its written forms) or group, oldest first. */
    public synchronized List<Sent> to(String destination) {
        Deque<Sent> messages = byDestination.get(key(destination));
        return messages == null ? List.of() : List.copyOf(messages);
    }

    /** The 12- and 13-digit forms of a Brazilian mobile, with or without "+", are one destination. */
    private static String key(String destination) {
        return PhoneNumbers.tryE164(destination).orElse(destination);
    }
}
