package com.solarprime.integration.sandbox;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * The Kommo sandbox: its integration credentials, token lifetimes, limits and webhook behaviour.
 * Plain numbers in the token lifetimes are seconds, so tests can write {@code access-token-ttl: 5}.
 *
 * @param clientId OAuth client id of the sandbox integration
 * @param clientSecret OAuth client secret of the same; generated for the run when not set ({@link SandboxClientSecret})
 * @param redirectUri redirect URI registered in the integration; blank accepts the caller's
 * @param longLivedToken token accepted as a private-integration long-lived token; blank = generated and printed
 * @param accessTokenTtl lifetime of OAuth access tokens
 * @param refreshTokenTtl lifetime of refresh tokens
 * @param codeTtl lifetime of authorization codes
 * @param rateLimitPerSecond requests admitted per token in any one-second window
 * @param blockAfter429s rejected (429) requests within {@code blockWindow} after which the account is blocked
 * @param blockWindow window over which 429s are counted towards a block
 * @param latency delay added to every API and token call
 * @param webhookTimeout how long a webhook receiver has to answer
 * @param webhookRetryDelays waits before each retry of a failed webhook delivery
 * @param dropWebhooks silently drop every webhook delivery
 * @param account the emulated account
 */
@ConfigurationProperties("solarprime.sandbox")
public record SandboxProperties(
        String clientId,
        String clientSecret,
        String redirectUri,
        String longLivedToken,
        @DurationUnit(ChronoUnit.SECONDS) Duration accessTokenTtl,
        @DurationUnit(ChronoUnit.SECONDS) Duration refreshTokenTtl,
        @DurationUnit(ChronoUnit.SECONDS) Duration codeTtl,
        int rateLimitPerSecond,
        int blockAfter429s,
        Duration blockWindow,
        Duration latency,
        Duration webhookTimeout,
        List<Duration> webhookRetryDelays,
        boolean dropWebhooks,
        Account account) {

    /**
     * @param id account id as Kommo reports it
     * @param name account name
     * @param subdomain account subdomain ({@code {subdomain}.kommo.com})
     */
    public record Account(long id, String name, String subdomain) {

        /** The account's address as Kommo's webhooks and OAuth referer name it. */
        public String host() {
            return subdomain + ".kommo.com";
        }
    }
}
