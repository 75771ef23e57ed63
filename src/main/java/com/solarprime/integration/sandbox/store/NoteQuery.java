package com.solarprime.integration.sandbox.store;

import java.util.List;

/** The filters of {@code GET /leads/notes} and {@code GET /leads/{id}/notes}. */
public record NoteQuery(String entityType, List<Long> entityIds, List<Long> ids, List<String> noteTypes,
                        Range updatedAt, Order order) {
}
