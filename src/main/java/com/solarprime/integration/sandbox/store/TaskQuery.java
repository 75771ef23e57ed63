package com.solarprime.integration.sandbox.store;

import java.util.List;

/** The filters of {@code GET /tasks}. */
public record TaskQuery(List<Long> ids, List<Integer> taskTypes, Boolean isCompleted, String entityType,
                        List<Long> entityIds, List<Long> responsibleUserIds, Range updatedAt, Range completeTill,
                        Order order) {
}
