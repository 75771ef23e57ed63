package com.solarprime.integration.sandbox.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

public record Note(long id, String entityType, long entityId, String noteType, ObjectNode params,
                   long responsibleUserId, long createdBy, long updatedBy, long createdAt, long updatedAt) {
}
