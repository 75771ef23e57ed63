package com.solarprime.integration.sandbox.whatsapp;

import com.solarprime.integration.sandbox.SandboxModeCondition;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * In sandbox mode, an Evolution webhook secret for this run when {@code EVOLUTION_WEBHOOK_SECRET} is not set, so
 * that the default run accepts the WhatsApp simulator's deliveries: without any secret every delivery is refused.
 * Only this process knows it (it is neither printed nor logged), so the webhook stays closed to everyone else;
 * a real Evolution server needs a configured secret, which is then used as is. A property, set before any bean
 * exists, because both the webhook's authenticator and the simulator read it.
 */
public class GeneratedEvolutionSecret implements EnvironmentPostProcessor {

    static final String PROPERTY = "solarprime.whatsapp.evolution.webhook-secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Log log;

    public GeneratedEvolutionSecret(DeferredLogFactory logs) {
        this.log = logs.getLog(GeneratedEvolutionSecret.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (StringUtils.hasText(environment.getProperty(PROPERTY)) || !SandboxModeCondition.isSandboxMode(environment)) {
            return;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        // First: a blank EVOLUTION_WEBHOOK_SECRET is still a value, and must not win over the generated one.
        environment.getPropertySources().addFirst(new MapPropertySource("generatedEvolutionWebhookSecret",
                Map.of(PROPERTY, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))));
        log.info("Sandbox mode without EVOLUTION_WEBHOOK_SECRET: the Evolution webhook takes a secret generated for "
                + "this run, known only to the WhatsApp simulator (" + SimulatorController.PAGE + ")");
    }
}
