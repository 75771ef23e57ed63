package com.solarprime.integration.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.solarprime.integration.Application;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;

class ProductionSettingsCheckTest {

    private final ProductionSettingsCheck check = new ProductionSettingsCheck();

    @Test
    void prodProfileRefusesToStartAndNamesEveryMissingVariable() {
        MissingProductionSettingsException e = catchThrowableOfType(MissingProductionSettingsException.class,
                () -> new SpringApplicationBuilder(Application.class).profiles("prod").run());
        assertThat(e.missing()).contains("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
                "SPRING_DATASOURCE_PASSWORD", "KOMMO_SUBDOMAIN", "KOMMO_WEBHOOK_SECRET", "INTEGRATION_API_KEY",
                "ADMIN_USER", "ADMIN_PASSWORD", "TOKEN_ENCRYPTION_KEY", "PUBLIC_BASE_URL",
                "KOMMO_CLIENT_ID (or KOMMO_LONG_LIVED_TOKEN)");
    }

    @Test
    void productionNeedsThePublicBaseUrlThatKommoIsGiven() {
        MockEnvironment env = complete();
        env.setProperty("solarprime.kommo.long-lived-token", "token");
        env.setProperty("solarprime.public-base-url", "");
        MissingProductionSettingsException e = catchThrowableOfType(MissingProductionSettingsException.class,
                () -> check.postProcessEnvironment(env, new SpringApplication()));
        assertThat(e.missing()).containsExactly("PUBLIC_BASE_URL");
    }

    @Test
    void sandboxModeIsRefusedInProduction() {
        MockEnvironment env = complete();
        env.setProperty("solarprime.kommo.long-lived-token", "token");
        env.setProperty("solarprime.kommo.mode", "sandbox");
        MissingProductionSettingsException e = catchThrowableOfType(MissingProductionSettingsException.class,
                () -> check.postProcessEnvironment(env, new SpringApplication()));
        assertThat(e.missing()).containsExactly("KOMMO_MODE=live (sandbox mode is refused in production)");
    }

    @Test
    void completeProductionSettingsPass() {
        MockEnvironment env = complete();
        env.setProperty("solarprime.kommo.client-id", "id");
        env.setProperty("solarprime.kommo.client-secret", "secret");
        env.setProperty("solarprime.kommo.redirect-uri", "https://x/auth/callback");
        assertThatCode(() -> check.postProcessEnvironment(env, new SpringApplication())).doesNotThrowAnyException();
    }

    @Test
    void aLongLivedTokenReplacesTheOauthSettings() {
        MockEnvironment env = complete();
        env.setProperty("solarprime.kommo.long-lived-token", "token");
        assertThatCode(() -> check.postProcessEnvironment(env, new SpringApplication())).doesNotThrowAnyException();
    }

    @Test
    void otherProfilesAreNotChecked() {
        assertThatCode(() -> check.postProcessEnvironment(new MockEnvironment(), new SpringApplication()))
                .doesNotThrowAnyException();
    }

    private static MockEnvironment complete() {
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles("prod");
        env.setProperty("solarprime.kommo.mode", "live");
        for (String key : new String[] {"spring.datasource.url", "spring.datasource.username",
                "spring.datasource.password", "solarprime.kommo.subdomain", "solarprime.kommo.webhook-secret",
                "solarprime.access.integration-api-key", "solarprime.access.admin-user",
                "solarprime.access.admin-password", "solarprime.access.token-encryption-key",
                "solarprime.public-base-url"}) {
            env.setProperty(key, "set");
        }
        return env;
    }
}
