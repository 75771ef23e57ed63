package com.solarprime.integration.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetaVerificationTest {

    @ParameterizedTest(name = "mode={1} token={2} challenge={3} → {4}")
    @CsvSource(nullValues = "null", value = {
            "verify-me, subscribe,   verify-me, 1158201444, 1158201444",
            "verify-me, subscribe,   wrong,     1158201444, null",
            "verify-me, unsubscribe, verify-me, 1158201444, null",
            "verify-me, null,        verify-me, 1158201444, null",
            "verify-me, subscribe,   null,      1158201444, null",
            "verify-me, subscribe,   verify-me, null,       null",
            "null,      subscribe,   '',        1158201444, null",
            "'',        subscribe,   '',        1158201444, null"
    })
    void answersTheChallengeOnlyForTheConfiguredToken(String configured, String mode, String token, String challenge,
                                                      String expected) {
        assertThat(new MetaVerification(configured).challengeResponse(mode, token, challenge))
                .isEqualTo(Optional.ofNullable(expected));
    }
}
