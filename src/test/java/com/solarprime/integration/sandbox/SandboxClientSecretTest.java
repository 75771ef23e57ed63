package com.solarprime.integration.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class SandboxClientSecretTest {

    private final SandboxClientSecret generator = new SandboxClientSecret();

    @Test
    void aBlankSecretIsGeneratedAnewForEachRun() {
        String first = secretAfterStart(new MockEnvironment().withProperty(SandboxClientSecret.PROPERTY, ""));
        String second = secretAfterStart(new MockEnvironment());

        assertThat(first).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo("sandbox-secret").isNotEqualTo(second);
        assertThat(second).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void aConfiguredSecretIsKept() {
        assertThat(secretAfterStart(new MockEnvironment().withProperty(SandboxClientSecret.PROPERTY, "chosen")))
                .isEqualTo("chosen");
    }

    @Test
    void liveModeHasNoSandboxAndGetsNoSecret() {
        assertThat(secretAfterStart(new MockEnvironment().withProperty("solarprime.kommo.mode", "live"))).isNull();
    }

    private String secretAfterStart(MockEnvironment environment) {
        generator.postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(SandboxClientSecret.PROPERTY);
    }
}
