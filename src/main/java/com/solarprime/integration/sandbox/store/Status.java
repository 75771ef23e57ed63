package com.solarprime.integration.sandbox.store;

/**
 * A pipeline stage. Type 1 is the incoming-leads stage; 142 (won) and 143 (lost) exist in every
 * pipeline under the same ids.
 */
public record Status(long id, long pipelineId, String name, int sort, String color, int type, boolean isEditable) {

    public static final long WON = 142;
    public static final long LOST = 143;
    public static final int TYPE_INCOMING = 1;

    public static boolean isClosed(long statusId) {
        return statusId == WON || statusId == LOST;
    }

    public boolean isClosed() {
        return isClosed(id);
    }

    public boolean isIncoming() {
        return type == TYPE_INCOMING;
    }
}
