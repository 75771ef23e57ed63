package com.solarprime.integration.sandbox.store;

import com.fasterxml.jackson.databind.JsonNode;

/** An entry of the account's event log ({@code lead_added}, {@code lead_status_changed}, ...). */
public record Event(String id, String type, String entityType, long entityId, long createdBy, long createdAt,
                    JsonNode valueBefore, JsonNode valueAfter) {
}
