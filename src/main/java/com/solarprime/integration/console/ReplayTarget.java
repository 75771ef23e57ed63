package com.solarprime.integration.console;

/**
 * Where a dead letter's exchange goes back to when an operator replays it.
 *
 * @param kind {@code QUEUE}: its work row goes back to pending; {@code ROUTE}: its payload is sent to the endpoint;
 *             {@code NONE}: it cannot be replayed, {@code why} says why
 * @param table the work table of a {@code QUEUE} target
 * @param rowId the work row of a {@code QUEUE} target
 * @param uri the {@code direct:} endpoint of a {@code ROUTE} target
 */
public record ReplayTarget(Kind kind, String table, Long rowId, String uri, String why) {

    public enum Kind { QUEUE, ROUTE, NONE }

    static ReplayTarget queue(String table, long rowId) {
        return new ReplayTarget(Kind.QUEUE, table, rowId, null, null);
    }

    static ReplayTarget route(String uri) {
        return new ReplayTarget(Kind.ROUTE, null, null, uri, null);
    }

    static ReplayTarget none(String why) {
        return new ReplayTarget(Kind.NONE, null, null, null, why);
    }

    public boolean isReplayable() {
        return kind != Kind.NONE;
    }

    /** What an operator reads: where a replay sends it. */
    public String describe() {
        return switch (kind) {
            case QUEUE -> ("inbox".equals(table) ? "inbox delivery " : "stage change ") + rowId + " back to its queue";
            case ROUTE -> "payload sent again to " + uri;
            case NONE -> why;
        };
    }
}
