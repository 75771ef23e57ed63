package com.solarprime.integration.qualification;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Kommo user as configured: by id, or by e-mail when the id is not known yet (it is resolved once
 * through {@code GET /api/v4/users}). Exactly one of the two is set.
 */
public record KommoUserRef(Long userId, String email) {

    private static final Pattern ID = Pattern.compile("\\d+");

    public KommoUserRef {
        if ((userId == null) == (email == null)) {
            throw new IllegalArgumentException("a Kommo user is an id or an e-mail");
        }
    }

    /** Blank → empty; digits → an id; an e-mail address → an e-mail; anything else is refused. */
    public static Optional<KommoUserRef> parse(String configured) {
        if (configured == null || configured.isBlank()) {
            return Optional.empty();
        }
        String value = configured.strip();
        if (ID.matcher(value).matches()) {
            return Optional.of(new KommoUserRef(Long.parseLong(value), null));
        }
        if (ProfileValidator.isEmail(value)) {
            return Optional.of(new KommoUserRef(null, value));
        }
        throw new IllegalArgumentException("not a Kommo user id or e-mail: " + value);
    }

    public boolean isId() {
        return userId != null;
    }
}
