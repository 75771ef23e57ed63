package com.solarprime.integration.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.sandbox.whatsapp.GeneratedEvolutionSecret;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** When the Evolution webhook secret is generated: only in sandbox mode, only when none is configured. */
class EvolutionSecretGenerationTest {

    static final String PROPERTY = "solarprime.whatsapp.evolution.webhook-secret";

    private final GeneratedEvolutionSecret generator = new GeneratedEvolutionSecret(destination -> destination.get());

    @Test
    void aBlankSecretInSandboxModeIsGeneratedAnewForEachRun() {
        String first = secretAfterStart(new MockEnvironment().withProperty(PROPERTY, ""));
        String second = secretAfterStart(new MockEnvironment());

        assertThat(first).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(second);
        assertThat(second).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void aConfiguredSecretIsUsedAsItIs() {
        assertThat(secretAfterStart(new MockEnvironment().withProperty(PROPERTY, "chosen"))).isEqualTo("chosen");
    }

    @Test
    void liveModeGetsNoSecretItDidNotConfigure() {
        assertThat(secretAfterStart(new MockEnvironment().withProperty("solarprime.kommo.mode", "live")
                .withProperty(PROPERTY, ""))).isEmpty();
    }

    private String secretAfterStart(MockEnvironment environment) {
        generator.postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(PROPERTY);
    }
}
