package com.solarprime.integration.kommo;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The OAuth client this service is to Kommo: the configured integration, or in sandbox mode without one,
 * the local emulator's integration ({@code solarprime.sandbox.client-id} and {@code client-secret}, the secret
 * generated for the run unless set), so that the default run connects itself with no settings.
 */
@Component
public class OAuthClient {

    private final KommoProperties kommo;
    private final Environment environment;

    public OAuthClient(KommoProperties kommo, Environment environment) {
        this.kommo = kommo;
        this.environment = environment;
    }

    public String clientId() {
        return configuredOrSandbox(kommo.clientId(), "solarprime.sandbox.client-id");
    }

    public String clientSecret() {
        return configuredOrSandbox(kommo.clientSecret(), "solarprime.sandbox.client-secret");
    }

    private String configuredOrSandbox(String configured, String sandboxProperty) {
        if (StringUtils.hasText(configured) || kommo.effectiveMode() == KommoProperties.Mode.LIVE) {
            return configured;
        }
        // Read by name: the sandbox is a layer above this package and is reached only over HTTP.
        return environment.getProperty(sandboxProperty);
    }
}
