package com.solarprime.integration.config;

import java.util.List;

/** The {@code prod} profile was started without settings it cannot run without. */
public class MissingProductionSettingsException extends IllegalStateException {

    private final List<String> missing;

    public MissingProductionSettingsException(List<String> missing) {
        super("The prod profile needs these environment variables: " + String.join(", ", missing));
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
