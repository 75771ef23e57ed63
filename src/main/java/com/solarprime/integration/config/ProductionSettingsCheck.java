package com.solarprime.integration.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

/**
 * Under the {@code prod} profile, refuses to start before anything is created (no embedded database,
 * no generated secrets, no sandbox) and names every missing environment variable at once.
 * Generated secrets would differ per instance, so production must set them.
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor {

    private static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("spring.datasource.url", "SPRING_DATASOURCE_URL");
        REQUIRED.put("spring.datasource.username", "SPRING_DATASOURCE_USERNAME");
        REQUIRED.put("spring.datasource.password", "SPRING_DATASOURCE_PASSWORD");
        REQUIRED.put("solarprime.kommo.subdomain", "KOMMO_SUBDOMAIN");
        REQUIRED.put("solarprime.kommo.webhook-secret", "KOMMO_WEBHOOK_SECRET");
        REQUIRED.put("solarprime.access.integration-api-key", "INTEGRATION_API_KEY");
        REQUIRED.put("solarprime.access.admin-user", "ADMIN_USER");
        REQUIRED.put("solarprime.access.admin-password", "ADMIN_PASSWORD");
        REQUIRED.put("solarprime.access.token-encryption-key", "TOKEN_ENCRYPTION_KEY");
        // Kommo's webhooks and OAuth redirect must reach this service from outside, never at localhost.
        REQUIRED.put("solarprime.public-base-url", "PUBLIC_BASE_URL");
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.acceptsProfiles(Profiles.of("prod"))) {
            return;
        }
        List<String> missing = new ArrayList<>();
        REQUIRED.forEach((property, variable) -> {
            if (!StringUtils.hasText(env.getProperty(property))) {
                missing.add(variable);
            }
        });
        if ("sandbox".equalsIgnoreCase(env.getProperty("solarprime.kommo.mode"))) {
            missing.add("KOMMO_MODE=live (sandbox mode is refused in production)");
        }
        if (!StringUtils.hasText(env.getProperty("solarprime.kommo.long-lived-token"))) {
            for (String[] oauth : new String[][] {
                    {"solarprime.kommo.client-id", "KOMMO_CLIENT_ID"},
                    {"solarprime.kommo.client-secret", "KOMMO_CLIENT_SECRET"},
                    {"solarprime.kommo.redirect-uri", "KOMMO_REDIRECT_URI"}}) {
                if (!StringUtils.hasText(env.getProperty(oauth[0]))) {
                    missing.add(oauth[1] + " (or KOMMO_LONG_LIVED_TOKEN)");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingProductionSettingsException(missing);
        }
    }
}
