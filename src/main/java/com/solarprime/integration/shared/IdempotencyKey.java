package com.solarprime.integration.shared;

/**
 * The {@code Idempotency-Key} header of a creating request: a key the client makes up for one request and sends again
 * with the same request when it cannot know whether the first one was committed (a timeout, a cut connection).
 */
public final class IdempotencyKey {

    /** Longest key taken, as most APIs that accept one. */
    public static final int MAX_LENGTH = 255;

    private IdempotencyKey() {
    }

    /** The header's key, null without one; 400 for a key that is not 1 to 255 visible ASCII characters. */
    public static String of(String header) {
        if (header == null) {
            return null;
        }
        if (header.isEmpty() || header.length() > MAX_LENGTH || !header.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ClientError(400, "Idempotency-Key must be 1 to " + MAX_LENGTH + " visible ASCII characters");
        }
        return header;
    }
}
