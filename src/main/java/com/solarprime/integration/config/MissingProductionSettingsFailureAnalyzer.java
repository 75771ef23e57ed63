package com.solarprime.integration.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns the production settings check into Boot's short "APPLICATION FAILED TO START" report. */
public class MissingProductionSettingsFailureAnalyzer
        extends AbstractFailureAnalyzer<MissingProductionSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingProductionSettingsException cause) {
        return new FailureAnalysis(
                "The prod profile is active but these settings are missing:\n  - "
                        + String.join("\n  - ", cause.missing()),
                "Set them in the environment (see the configuration table in README.md), "
                        + "or run without the prod profile to use the embedded database and the Kommo sandbox.",
                cause);
    }
}
