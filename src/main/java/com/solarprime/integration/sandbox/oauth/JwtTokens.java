package com.solarprime.integration.sandbox.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.sandbox.SandboxJson;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Access and long-lived tokens shaped like Kommo's: signed JWTs with {@code exp}, because client
 * libraries parse them (the official PHP library reads {@code exp} from a long-lived token). The
 * sandbox itself never trusts the signature: a token is valid only if its hash is on record.
 */
final class JwtTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final byte[] KEY = Secrets.random(32).getBytes(StandardCharsets.UTF_8);

    private JwtTokens() {
    }

    static String issue(String clientId, long accountId, long userId, Instant expiresAt) {
        long now = Instant.now().getEpochSecond();
        ObjectNode header = SandboxJson.object().put("typ", "JWT").put("alg", "HS256");
        ObjectNode claims = SandboxJson.object()
                .put("aud", clientId)
                .put("jti", UUID.randomUUID().toString())
                .put("iat", now)
                .put("nbf", now)
                .put("exp", expiresAt.getEpochSecond())
                .put("sub", String.valueOf(userId))
                .put("account_id", accountId)
                .put("base_domain", "kommo.com")
                .put("version", 2);
        claims.putArray("scopes").add("crm").add("notifications");
        String unsigned = encode(SandboxJson.write(header)) + "." + encode(SandboxJson.write(claims));
        return unsigned + "." + B64.encodeToString(sign(unsigned));
    }

    private static String encode(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
