package com.solarprime.integration.sandbox.store;

/** A task; task type 1 is a follow-up (call), 2 a meeting. */
public record Task(long id, String text, String entityType, Long entityId, long responsibleUserId, int taskTypeId,
                   int duration, long completeTill, boolean isCompleted, String resultText, long createdBy,
                   long updatedBy, long createdAt, long updatedAt) {
}
