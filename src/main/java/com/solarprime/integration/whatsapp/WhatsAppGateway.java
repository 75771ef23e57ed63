package com.solarprime.integration.whatsapp;

/** Sends a WhatsApp message through the configured provider ({@code WHATSAPP_PROVIDER}). */
public interface WhatsAppGateway {

    /**
     * @return the provider's id of the sent message
     * @throws WhatsAppSendException when the provider refused or could not be reached, saying whether a
     *                               later attempt can succeed
     */
    String send(OutboundMessage message);

    default String sendText(String to, String text) {
        return send(OutboundMessage.text(to, text));
    }

    /** The {@code message.provider} value of what this gateway sends. */
    String provider();
}
