package com.solarprime.integration.kommo.webhook;

/** A webhook body that is not a Kommo delivery at all; the receiver answers 400 and stores nothing. */
public class InvalidDeliveryException extends RuntimeException {

    private final String reason;

    public InvalidDeliveryException(String reason) {
        super(reason);
        this.reason = reason;
    }

    /** Short and free of the body's content, so that it can be shown to the caller and logged. */
    public String reason() {
        return reason;
    }
}
