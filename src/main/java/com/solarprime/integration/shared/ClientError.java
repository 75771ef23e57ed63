package com.solarprime.integration.shared;

/**
 * A request refused because of what the client sent (bad credentials, malformed body, invalid fields).
 * The shared route configuration turns it into a 4xx with a short reason and changes nothing.
 */
public class ClientError extends RuntimeException {

    private final int status;
    private final Object details;

    public ClientError(int status, String reason) {
        this(status, reason, null);
    }

    public ClientError(int status, String reason, Object details) {
        super(reason, null, false, false);
        this.status = status;
        this.details = details;
    }

    public int status() {
        return status;
    }

    /** Extra structure for the reply body, e.g. the list of invalid fields; may be null. */
    public Object details() {
        return details;
    }
}
