package com.solarprime.integration.kommo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * How this service reaches Kommo.
 *
 * @param mode {@code sandbox} (local emulator) or {@code live}; blank = live when credentials are set, else sandbox
 * @param subdomain account subdomain, {@code solarprime} for solarprime.kommo.com
 * @param baseUrl API and token endpoint root; blank = {@code https://{subdomain}.kommo.com} (live)
 * @param clientId OAuth integration id
 * @param clientSecret OAuth integration secret
 * @param redirectUri OAuth redirect URI registered in the integration
 * @param longLivedToken private-integration token, used instead of OAuth when set
 * @param webhookSecret path secret of {@code /webhooks/kommo/{secret}}
 * @param authorizeUrl page the operator's browser is sent to; blank = {@code https://www.kommo.com/oauth}
 *                     (live) or {@code {baseUrl}/oauth} (sandbox)
 */
@ConfigurationProperties("solarprime.kommo")
public record KommoProperties(String mode, String subdomain, String baseUrl, String clientId, String clientSecret,
                              String redirectUri, String longLivedToken, String webhookSecret, String authorizeUrl) {

    public enum Mode { SANDBOX, LIVE }

    public Mode effectiveMode() {
        if (StringUtils.hasText(mode)) {
            return Mode.valueOf(mode.trim().toUpperCase());
        }
        return hasCredentials() ? Mode.LIVE : Mode.SANDBOX;
    }

    public boolean hasCredentials() {
        return StringUtils.hasText(longLivedToken)
                || (StringUtils.hasText(clientId) && StringUtils.hasText(clientSecret));
    }

    public boolean usesLongLivedToken() {
        return StringUtils.hasText(longLivedToken);
    }
}
