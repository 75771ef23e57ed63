package com.solarprime.integration.sandbox.store;

import java.util.List;

/** A registered webhook: where Kommo posts, and which actions it wants. */
public record Webhook(long id, String destination, List<String> settings, int sort, boolean disabled,
                      long createdBy, long createdAt, long updatedAt) {
}
