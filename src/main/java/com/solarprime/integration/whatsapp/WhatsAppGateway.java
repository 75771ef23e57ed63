package com.solarprime.integration.whatsapp;

/** Sends a WhatsApp message through the configured provider ({@code WHATSAPP_PROVIDER}). */
public interface WhatsAppGateway {

    /**
     * @param to E.164 number or a group id
     * @param text the message
     * @return the provider's id of the sent message
     */
    String sendText(String to, String text);

    /** The {@code message.provider} value of what this gateway sends. */
    String provider();
}
