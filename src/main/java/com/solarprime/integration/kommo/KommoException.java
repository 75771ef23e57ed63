package com.solarprime.integration.kommo;

/** Kommo did not do what was asked. Subclasses say whether trying again later can help. */
public class KommoException extends RuntimeException {

    private final int status;
    private final boolean retryable;

    public KommoException(String message, int status, boolean retryable) {
        super(message);
        this.status = status;
        this.retryable = retryable;
    }

    public KommoException(String message, int status, boolean retryable, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
    }

    /** HTTP status, or 0 when no response came back. */
    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }

    /** A 4xx that is the request's fault (validation errors, unknown ids): retrying the same request cannot help. */
    public static KommoException rejected(int status, String body) {
        return new KommoException("Kommo rejected the request with " + status + ": " + abbreviate(body), status, false);
    }

    public static KommoException serverError(int status) {
        return new KommoException("Kommo answered " + status, status, true);
    }

    public static KommoException unauthorized(String detail) {
        return new KommoException("Kommo refused the token: " + detail, 401, false);
    }

    public static KommoException rateLimited(int attempts) {
        return new KommoException("Kommo kept answering 429 after " + attempts + " attempts", 429, true);
    }

    public static KommoException blocked(String reason) {
        return new KommoException("Kommo account is blocked: " + reason, 403, true);
    }

    public static KommoException unavailable(String reason, Throwable cause) {
        return new KommoException("Kommo unavailable: " + reason, 0, true, cause);
    }

    static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= 500 ? body : body.substring(0, 500) + "…";
    }
}
