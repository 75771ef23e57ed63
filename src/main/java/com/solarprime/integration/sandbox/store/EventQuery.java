package com.solarprime.integration.sandbox.store;

import java.util.List;

/** The filters of {@code GET /events}. */
public record EventQuery(List<String> ids, List<String> types, List<String> entityTypes, List<Long> entityIds,
                         List<Long> createdBy, Range createdAt, List<StatusRef> statusesAfter,
                         List<StatusRef> statusesBefore, boolean ascending) {
}
