package com.solarprime.integration.sandbox;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Kommo's clients write filters with raw brackets ({@code ?filter[id][]=1}, as curl and many HTTP
 * libraries send them) and Kommo's servers accept that; Tomcat rejects such requests with a bare 400
 * unless told to relax. Without this, a client that works against Kommo would fail against the sandbox.
 */
@Component
@ConditionalOnSandbox
public class SandboxServerCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setProperty("relaxedQueryChars", "[]{}|"));
    }
}
