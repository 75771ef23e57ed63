package com.solarprime.integration.whatsapp;

import java.util.List;
import java.util.Objects;

/**
 * A message to send: free text, an approved template (Meta, outside the 24-hour window), or an image with the text
 * as its caption.
 *
 * @param to E.164 digits of the lead (or the JID digits WhatsApp uses), or a group id
 * @param text the free text, also kept as the record of what was said when a template is used; an image's caption
 * @param template the approved template to send instead of free text, or null
 * @param image the picture to send with the text as its caption, or null
 */
public record OutboundMessage(String to, String text, Template template, Image image) {

    public OutboundMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        if (template != null && image != null) {
            throw new IllegalArgumentException("a message is a template or an image, not both");
        }
    }

    public OutboundMessage(String to, String text, Template template) {
        this(to, text, template, null);
    }

    public static OutboundMessage text(String to, String text) {
        return new OutboundMessage(to, text, null, null);
    }

    public static OutboundMessage image(String to, Image image, String caption) {
        return new OutboundMessage(to, caption, null, Objects.requireNonNull(image, "image"));
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

    /**
     * @param bytes the encoded picture
     * @param mimeType e.g. {@code image/png}
     * @param fileName the name the recipient's app shows when the picture is saved
     */
    public record Image(byte[] bytes, String mimeType, String fileName) {

        public Image {
            if (bytes == null || bytes.length == 0) {
                throw new IllegalArgumentException("an image needs its bytes");
            }
            if (mimeType == null || !mimeType.startsWith("image/")) {
                throw new IllegalArgumentException("not an image type: " + mimeType);
            }
            Objects.requireNonNull(fileName, "fileName");
        }

        @Override
        public String toString() {
            return "Image[" + mimeType + ", " + bytes.length + " bytes, " + fileName + "]";
        }
    }
}
