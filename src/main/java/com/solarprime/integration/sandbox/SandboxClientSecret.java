package com.solarprime.integration.sandbox;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * The OAuth client secret of the sandbox's integration: {@code SANDBOX_CLIENT_SECRET}, or one generated for
 * this run and printed once to the console (never through the logging system). Its authorize page approves
 * anyone, so a secret everybody knows would hand the sandbox's tokens to anyone who reaches the port.
 * Generated before any bean exists, as a property, because two sides read it: the sandbox's token endpoint,
 * and this service as the sandbox's OAuth client (which must connect itself at start-up).
 */
public class SandboxClientSecret implements EnvironmentPostProcessor {

    static final String PROPERTY = "solarprime.sandbox.client-secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (StringUtils.hasText(environment.getProperty(PROPERTY)) || !SandboxModeCondition.isSandboxMode(environment)) {
            return;
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        // First: a blank SANDBOX_CLIENT_SECRET is still a value, and must not win over the generated one.
        environment.getPropertySources().addFirst(new MapPropertySource("generatedSandboxClientSecret",
                Map.of(PROPERTY, secret)));
        print(environment.getProperty("solarprime.sandbox.client-id"), secret, System.out);
    }

    private static void print(String clientId, String secret, PrintStream out) {
        String line = "=".repeat(78);
        out.print("\n" + line + "\n"
                + " Kommo sandbox (" + SandboxPaths.ROOT + ") OAuth client for this run\n"
                + " (set SANDBOX_CLIENT_SECRET to choose your own secret):\n"
                + "   client_id = " + clientId + "\n"
                + "   client_secret = " + secret + "\n"
                + line + "\n");
        out.flush();
    }
}
