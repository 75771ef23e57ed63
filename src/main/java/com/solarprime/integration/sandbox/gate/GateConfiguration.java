package com.solarprime.integration.sandbox.gate;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxPaths;
import com.solarprime.integration.sandbox.oauth.OAuthService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the gate in front of the emulated API and token endpoint only (not the page or admin endpoints). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
public class GateConfiguration {

    @Bean
    FilterRegistrationBean<KommoGate> kommoGate(OAuthService oauth, RateLimiter limiter, AccountBlock block,
                                                Faults faults, CallStats stats) {
        FilterRegistrationBean<KommoGate> registration =
                new FilterRegistrationBean<>(new KommoGate(oauth, limiter, block, faults, stats));
        registration.addUrlPatterns(SandboxPaths.ROOT + "/api/*", SandboxPaths.ROOT + "/oauth2/*");
        registration.setName("kommoSandboxGate");
        return registration;
    }
}
