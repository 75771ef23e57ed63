package com.solarprime.integration.kommo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In sandbox mode the default run connects and provisions itself at start-up, so that it works with no
 * clicks: it plays the operator's browser through the same OAuth flow a person would click through
 * (authorize page → redirect to our callback) and then provisions the account.
 */
@Component
public class LocalAutoConnect {

    private static final Logger log = LoggerFactory.getLogger(LocalAutoConnect.class);

    private final KommoProperties kommo;
    private final KommoTokenStore tokens;
    private final OAuthFlow oauth;
    private final AccountMap map;
    private final Provisioner provisioner;
    private final CamelContext camel;
    private final HttpClient browser = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    public LocalAutoConnect(KommoProperties kommo, KommoTokenStore tokens, OAuthFlow oauth, AccountMap map,
                            Provisioner provisioner, CamelContext camel) {
        this.kommo = kommo;
        this.tokens = tokens;
        this.oauth = oauth;
        this.map = map;
        this.provisioner = provisioner;
        this.camel = camel;
    }

    /** The flow goes through this service's own routes: once both the web server and the routes are up. */
    @EventListener(ApplicationReadyEvent.class)
    public void onReady() throws Exception {
        if (camel.isStarted()) {
            connectLogged();
        } else {
            camel.addStartupListener(new ExtendedStartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                    // Routes are not running yet: wait for onCamelContextFullyStarted.
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                    connectLogged();
                }
            });
        }
    }

    private void connectLogged() {
        try {
            connectIfLocal();
        } catch (RuntimeException e) {
            log.error("Could not connect to the local Kommo sandbox: {}", e.getMessage());
        }
    }

    public synchronized void connectIfLocal() {
        if (kommo.effectiveMode() != KommoProperties.Mode.SANDBOX) {
            return;
        }
        if (!tokens.isLongLived() && tokens.stored().isEmpty()) {
            authorize();
        }
        if (!map.isComplete()) {
            CommandReport report = provisioner.provision();
            report.lines().forEach(line -> log.info("provision: {}", line));
        }
    }

    private void authorize() {
        try {
            HttpResponse<Void> consent = browser.send(HttpRequest.newBuilder(URI.create(oauth.authorizationUrl())).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            String callback = consent.headers().firstValue("Location").orElseThrow(() ->
                    new IllegalStateException("authorize page answered " + consent.statusCode() + " without a redirect"));
            HttpResponse<String> landed = browser.send(HttpRequest.newBuilder(URI.create(callback)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (landed.statusCode() != 200) {
                throw new IllegalStateException("OAuth callback answered " + landed.statusCode());
            }
            log.info("Connected to the local Kommo sandbox through OAuth");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("local OAuth flow failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the local OAuth flow", e);
        }
    }
}
