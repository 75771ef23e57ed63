package com.solarprime.integration.whatsapp;

/** The provider did not take the message. */
public class WhatsAppSendException extends RuntimeException {

    private final boolean retryable;
    private final String code;

    public WhatsAppSendException(String message, boolean retryable, String code) {
        super(message);
        this.retryable = retryable;
        this.code = code;
    }

    /** Timeouts, 5xx and rate limits: a later attempt can succeed. Invalid numbers, closed windows, opt-outs cannot. */
    public boolean retryable() {
        return retryable;
    }

    /** The provider's error code when it gave one (e.g. Meta's 131047), else the HTTP status. */
    public String code() {
        return code;
    }
}
