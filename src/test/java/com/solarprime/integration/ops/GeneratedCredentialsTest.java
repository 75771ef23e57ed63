package com.solarprime.integration.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.config.AccessProperties;
import org.junit.jupiter.api.Test;

class GeneratedCredentialsTest {

    @Test
    void configuredValuesAreKept() {
        GeneratedCredentials c = new GeneratedCredentials(new AccessProperties("key", "ops", "pw", null, null));
        assertThat(c.integrationApiKey()).isEqualTo("key");
        assertThat(c.adminUser()).isEqualTo("ops");
        assertThat(c.adminPassword()).isEqualTo("pw");
    }

    @Test
    void missingValuesAreGeneratedRandomly() {
        GeneratedCredentials a = new GeneratedCredentials(new AccessProperties("", null, " ", null, null));
        GeneratedCredentials b = new GeneratedCredentials(new AccessProperties(null, null, null, null, null));
        assertThat(a.adminUser()).isEqualTo("admin");
        assertThat(a.integrationApiKey()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(b.integrationApiKey());
        assertThat(a.adminPassword()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(b.adminPassword());
    }
}
