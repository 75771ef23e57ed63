package com.solarprime.integration.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** WhatsApp webhook bodies for tests: the stored fixtures with fresh numbers and ids, and provider credentials. */
public final class WhatsAppFixtures {

    public static final String EVOLUTION_SECRET = "evolution-test-secret";
    public static final String META_APP_SECRET = "meta-app-secret";
    public static final String META_VERIFY_TOKEN = "meta-verify-token";
    /** The number every stored fixture uses. */
    public static final String FIXTURE_PHONE = "5581999999999";

    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 1_000_000));

    private WhatsAppFixtures() {
    }

    /** A Brazilian mobile number (digits, 13 long) no other test uses. */
    public static String freshPhone() {
        return "55819" + String.format("%08d", NEXT.incrementAndGet() % 100_000_000);
    }

    public static String freshId() {
        return "TEST" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    }

    public static String fixture(String path) {
        try (var in = WhatsAppFixtures.class.getResourceAsStream("/whatsapp/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An Evolution messages.upsert text message. */
    public static String evolutionText(String phoneDigits, String messageId, String text, boolean fromMe) {
        return """
                {"event":"messages.upsert","instance":"solarprime","data":{
                  "key":{"remoteJid":"%s@s.whatsapp.net","remoteJidAlt":null,"fromMe":%s,"id":"%s"},
                  "pushName":"Maria Souza","status":"DELIVERY_ACK",
                  "message":{"conversation":"%s"},
                  "messageType":"conversation","messageTimestamp":%d,"instanceId":"i","source":"android"},
                 "destination":"x","date_time":"2026-11-29T08:00:00.000Z","sender":"x","server_url":"x","apikey":null}
                """.formatted(phoneDigits, fromMe, messageId, text, System.currentTimeMillis() / 1000);
    }

    public static String metaSignature(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(META_APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Evolution's webhook JWT (HS256) with the given lifetime around now. */
    public static String evolutionJwt(String secret, long issuedSecondsAgo, long lifetimeSeconds) {
        long iat = System.currentTimeMillis() / 1000 - issuedSecondsAgo;
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String claims = b64("{\"iat\":" + iat + ",\"exp\":" + (iat + lifetimeSeconds)
                + ",\"app\":\"evolution\",\"action\":\"webhook\"}");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((header + "." + claims).getBytes(StandardCharsets.UTF_8));
            return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
