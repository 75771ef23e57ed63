package com.solarprime.integration.sandbox.store;

import java.util.List;

/** The filters of {@code GET /leads}; null means "not filtered". */
public record LeadQuery(String query, List<Long> ids, Range createdAt, Range updatedAt, Range closedAt,
                        List<StatusRef> statuses, List<Long> pipelineIds, List<Long> responsibleUserIds,
                        boolean onlyDeleted, Order order) {
}
