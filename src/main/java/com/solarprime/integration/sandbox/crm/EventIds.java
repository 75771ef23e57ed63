package com.solarprime.integration.sandbox.crm;

import java.security.SecureRandom;

/**
 * Event ids are strings in Kommo (ULID-like, e.g. {@code 01hq3z...}): time-ordered, 26 Crockford
 * base32 characters, so a client that parses them as numbers fails here as it would there.
 */
final class EventIds {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private EventIds() {
    }

    static String next() {
        char[] out = new char[26];
        long time = System.currentTimeMillis();
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        for (int i = 10; i < 26; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(32)];
        }
        return new String(out);
    }
}
