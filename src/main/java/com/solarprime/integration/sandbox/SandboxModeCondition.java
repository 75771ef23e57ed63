package com.solarprime.integration.sandbox;

import com.solarprime.integration.kommo.KommoProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True when the service talks to the local Kommo emulator: the same rule as
 * {@link KommoProperties#effectiveMode()}, evaluated before the properties bean exists.
 */
class SandboxModeCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        // Nothing bound means no mode and no credentials: the default run, which is sandbox mode.
        return Binder.get(context.getEnvironment())
                .bind("solarprime.kommo", KommoProperties.class)
                .map(kommo -> kommo.effectiveMode() == KommoProperties.Mode.SANDBOX)
                .orElse(true);
    }
}
