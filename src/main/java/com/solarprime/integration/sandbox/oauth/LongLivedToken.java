package com.solarprime.integration.sandbox.oauth;

import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxPaths;
import com.solarprime.integration.sandbox.SandboxProperties;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The private-integration token the sandbox accepts besides OAuth tokens: {@code SANDBOX_LONG_LIVED_TOKEN},
 * or one generated for this run (valid 5 years, as Kommo's longest) and printed once to the console, never
 * through the logging system, so that any HTTP client can call the sandbox right away.
 */
@Component
@ConditionalOnSandbox
public class LongLivedToken {

    private static final Duration GENERATED_LIFETIME = Duration.ofDays(5 * 365);

    private final String hash;

    public LongLivedToken(SandboxProperties props) {
        String token = props.longLivedToken();
        if (!StringUtils.hasText(token)) {
            token = JwtTokens.issue(props.clientId(), props.account().id(), 0, Instant.now().plus(GENERATED_LIFETIME));
            print(token, System.out);
        }
        this.hash = Secrets.sha256(token.trim());
    }

    boolean matches(String tokenHash) {
        return Secrets.same(hash, tokenHash);
    }

    private static void print(String token, PrintStream out) {
        String line = "=".repeat(78);
        out.print("\n" + line + "\n"
                + " Kommo sandbox (" + SandboxPaths.ROOT + ") long-lived token for this run\n"
                + " (set SANDBOX_LONG_LIVED_TOKEN to choose your own):\n"
                + "   " + token + "\n"
                + line + "\n");
        out.flush();
    }
}
