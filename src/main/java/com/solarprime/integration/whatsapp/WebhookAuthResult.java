package com.solarprime.integration.whatsapp;

/**
 * Whether a webhook delivery proved where it came from. The reason of a refusal is short and safe to
 * return in a 401 body: it never echoes the presented credentials.
 */
public record WebhookAuthResult(boolean accepted, String reason) {

    private static final WebhookAuthResult ACCEPTED = new WebhookAuthResult(true, null);

    public static WebhookAuthResult accept() {
        return ACCEPTED;
    }

    public static WebhookAuthResult refuse(String reason) {
        return new WebhookAuthResult(false, reason);
    }
}
