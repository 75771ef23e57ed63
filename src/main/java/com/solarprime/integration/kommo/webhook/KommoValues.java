package com.solarprime.integration.kommo.webhook;

/** Kommo sends every number as text in webhooks and sometimes as text in the events API. */
final class KommoValues {

    private KommoValues() {
    }

    /** Null for absent, blank or non-integral text. */
    static Long toLong(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
