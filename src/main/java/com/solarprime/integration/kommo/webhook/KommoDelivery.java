package com.solarprime.integration.kommo.webhook;

import java.util.List;
import java.util.Objects;

/**
 * One webhook delivery: the account it came from and every entity event it carries, in order.
 *
 * @param dedupeKey SHA-256 (hex) of the delivery's content; a delivery Kommo retries has the same key
 * @param account the sending account; its fields are null when the delivery did not name it
 * @param events the entity events, in the order sent
 * @param unrecognised paths of top-level parts that are not {@code <entity>[<action>][<index>][...]}
 *                     (e.g. {@code leads[status][0]} holding a plain value), kept so they can be reported
 */
public record KommoDelivery(String dedupeKey, Account account, List<KommoEvent> events, List<String> unrecognised) {

    public KommoDelivery {
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        Objects.requireNonNull(account, "account");
        events = List.copyOf(events);
        unrecognised = List.copyOf(unrecognised);
    }

    /** The lead status changes among the events, in order. */
    public List<StatusChange> statusChanges() {
        return events.stream().flatMap(event -> event.statusChange().stream()).toList();
    }

    /**
     * @param id the account id ({@code account[id]})
     * @param subdomain the account subdomain ({@code account[subdomain]})
     */
    public record Account(Long id, String subdomain) {
    }
}
