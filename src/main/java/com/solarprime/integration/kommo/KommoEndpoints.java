package com.solarprime.integration.kommo;

import com.solarprime.integration.config.ServiceProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Where Kommo is. One base URL serves the API and the token endpoint, so that any stand-in (the local
 * sandbox, a test server) replaces Kommo by configuration alone.
 */
@Component
public class KommoEndpoints {

    private final KommoProperties kommo;
    private final ServiceProperties service;
    private final Environment environment;

    public KommoEndpoints(KommoProperties kommo, ServiceProperties service, Environment environment) {
        this.kommo = kommo;
        this.service = service;
        this.environment = environment;
    }

    public String baseUrl() {
        if (StringUtils.hasText(kommo.baseUrl())) {
            return stripSlash(kommo.baseUrl());
        }
        if (kommo.effectiveMode() == KommoProperties.Mode.SANDBOX) {
            // The emulator is served by this very process; the port is known only once the server listens.
            return "http://localhost:" + environment.getProperty("local.server.port",
                    environment.getProperty("server.port", "8080")) + "/sandbox/kommo";
        }
        return "https://" + kommo.subdomain() + ".kommo.com";
    }

    public String authorizeUrl() {
        if (StringUtils.hasText(kommo.authorizeUrl())) {
            return kommo.authorizeUrl();
        }
        return kommo.effectiveMode() == KommoProperties.Mode.SANDBOX ? baseUrl() + "/oauth" : "https://www.kommo.com/oauth";
    }

    public String redirectUri() {
        if (StringUtils.hasText(kommo.redirectUri())) {
            return kommo.redirectUri();
        }
        return publicBaseUrl() + "/auth/callback";
    }

    public String publicBaseUrl() {
        String configured = service.publicBaseUrl();
        if (configured == null || configured.endsWith(":0")) {
            return "http://localhost:" + environment.getProperty("local.server.port", "8080");
        }
        return stripSlash(configured);
    }

    private static String stripSlash(String url) {
        return url.replaceAll("/+$", "");
    }
}
