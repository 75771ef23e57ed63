package com.solarprime.integration.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogSanitizerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Authorization: Bearer eyJhbGciOi.abc.def failed    | Authorization: Bearer *** failed",
            "{\"access_token\":\"abc123\",\"x\":1}                | {\"access_token\":\"***\",\"x\":1}",
            "refresh_token=zzz&client_secret=yyy                | refresh_token=***&client_secret=***",
            "lead +5581999991234 replied                        | lead ***1234 replied",
            "jid 5581999991234@s.whatsapp.net                   | jid ***1234@s.whatsapp.net",
            "phone (81) 99999-1234                              | phone ***1234",
            "POST /webhooks/kommo/very-secret?x=1               | POST /webhooks/kommo/***?x=1",
            "lead 12345 moved to status 142                     | lead 12345 moved to status 142"
    })
    void scrubsSecretsAndPhoneNumbers(String raw, String expected) {
        assertThat(LogSanitizer.clean(raw)).isEqualTo(expected);
    }
}
