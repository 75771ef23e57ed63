package com.solarprime.integration.sandbox.store;

import java.util.List;

/** The filters of {@code GET /contacts}. */
public record ContactQuery(String query, List<Long> ids, Range createdAt, Range updatedAt,
                           List<Long> responsibleUserIds, Order order) {
}
