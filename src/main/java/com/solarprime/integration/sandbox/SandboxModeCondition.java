package com.solarprime.integration.sandbox;

import com.solarprime.integration.kommo.KommoProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True when the service talks to the local Kommo emulator: the same rule as
 * {@link KommoProperties#effectiveMode()}, evaluated before the properties bean exists.
 */
public class SandboxModeCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return isSandboxMode(context.getEnvironment());
    }

    /** For what runs before any bean exists (environment post-processors). */
    public static boolean isSandboxMode(Environment environment) {
        // Nothing bound means no mode and no credentials: the default run, which is sandbox mode.
        return Binder.get(environment)
                .bind("solarprime.kommo", KommoProperties.class)
                .map(kommo -> kommo.effectiveMode() == KommoProperties.Mode.SANDBOX)
                .orElse(true);
    }
}
