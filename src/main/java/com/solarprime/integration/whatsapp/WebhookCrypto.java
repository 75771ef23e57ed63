package com.solarprime.integration.whatsapp;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The two primitives webhook authentication needs, in the forms that do not leak through timing. */
final class WebhookCrypto {

    private static final String HMAC_SHA256 = "HmacSHA256";

    private WebhookCrypto() {
    }

    static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** Compares digests, so that neither the content nor the length of the secret leaks. */
    static boolean constantTimeEquals(byte[] presented, byte[] expected) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] a = sha256.digest(presented);
            byte[] b = sha256.digest(expected);
            return MessageDigest.isEqual(a, b);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
