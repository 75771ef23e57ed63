package com.solarprime.integration.whatsapp;

import java.util.List;
import java.util.Objects;

/**
 * A message to send: free text, or an approved template (Meta, outside the 24-hour window).
 *
 * @param to E.164 digits of the lead (or the JID digits WhatsApp uses), or a group id
 * @param text the free text, also kept as the record of what was said when a template is used
 * @param template the approved template to send instead of free text, or null
 */
public record OutboundMessage(String to, String text, Template template) {

    public OutboundMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
    }

    public static OutboundMessage text(String to, String text) {
        return new OutboundMessage(to, text, null);
    }

    /**
     * @param name approved template name
     * @param language language code, e.g. {@code pt_BR}
     * @param bodyParameters values of the body's {@code {{1}}, {{2}}...} placeholders
     */
    public record Template(String name, String language, List<String> bodyParameters) {

        public Template {
            bodyParameters = bodyParameters == null ? List.of() : List.copyOf(bodyParameters);
        }
    }
}
