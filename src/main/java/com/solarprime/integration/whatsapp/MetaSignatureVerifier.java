package com.solarprime.integration.whatsapp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Checks {@code X-Hub-Signature-256: sha256=<hex>}, the HMAC-SHA256 of the raw request bytes keyed
 * with the Meta app secret. It must run on the bytes exactly as received: re-serialised JSON differs.
 */
@Component
public class MetaSignatureVerifier {

    private static final String PREFIX = "sha256=";
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final byte[] appSecret;

    @Autowired
    public MetaSignatureVerifier(WhatsAppProperties properties) {
        this(properties.meta() == null ? null : properties.meta().appSecret());
    }

    public MetaSignatureVerifier(String appSecret) {
        this.appSecret = appSecret == null || appSecret.isBlank() ? null : appSecret.getBytes(StandardCharsets.UTF_8);
    }

    public WebhookAuthResult verify(byte[] rawBody, String signatureHeader) {
        if (appSecret == null) {
            return WebhookAuthResult.refuse("app secret not configured");
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return WebhookAuthResult.refuse("missing signature");
        }
        String header = signatureHeader.strip();
        if (!header.startsWith(PREFIX) || !HEX_SHA256.matcher(header.substring(PREFIX.length())).matches()) {
            return WebhookAuthResult.refuse("malformed signature");
        }
        byte[] presented = HexFormat.of().parseHex(header.substring(PREFIX.length()));
        byte[] expected = WebhookCrypto.hmacSha256(appSecret, rawBody == null ? new byte[0] : rawBody);
        return MessageDigest.isEqual(expected, presented)
                ? WebhookAuthResult.accept()
                : WebhookAuthResult.refuse("bad signature");
    }
}
