package com.solarprime.integration.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.solarprime.integration.shared.PhoneNumbers.InvalidPhoneNumberException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "+55 81 99999-9999",
            "+5581999999999",
            "5581999999999",
            "81999999999",
            "(81) 99999-9999",
            "081 99999 9999",
            "5581999999999@s.whatsapp.net",
            "5581999999999:12@s.whatsapp.net",
            "5581999999999@c.us",
            "558199999999",
            "558199999999@s.whatsapp.net",
            "+55 81 9999-9999",
            "8199999999",
            "  +55 (81) 99999.9999  "
    })
    void everyFormOfOneMobileIsTheSameNumber(String raw) {
        assertThat(PhoneNumbers.toE164(raw)).isEqualTo("+5581999999999");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "558133334444,        +558133334444",   // landline: subscriber starts with 3, no ninth digit
            "(81) 3333-4444,      +558133334444",
            "55999999999,         +5555999999999",  // DDD 55 (Rio Grande do Sul), national form
            "5555999999999,       +5555999999999",
            "556199998888,        +5561999998888",  // legacy form, subscriber starts with 9
            "551176665555,        +5511976665555",  // legacy form, subscriber starts with 7
            "+1 415 555 2671,     +14155552671",
            "+351 912 345 678,    +351912345678"
    })
    void normalisesToE164(String raw, String expected) {
        assertThat(PhoneNumbers.toE164(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "5581999999999,                 +5581999999999",
            "558199999999,                  +5581999999999",
            "14155552671,                   +14155552671",   // a wa_id is international even without +
            "14155552671@s.whatsapp.net,    +14155552671"
    })
    void whatsAppIdsAreInternational(String waId, String expected) {
        assertThat(PhoneNumbers.fromWhatsAppId(waId)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "120363025246125486@g.us      | group JID, not a phone number",
            "123456789012345@lid          | LID JID carries no phone number",
            "status@broadcast             | not a phone JID",
            "abc@s.whatsapp.net           | WhatsApp id is not digits",
            "81 9999-999x                 | unexpected characters",
            "ligue para mim               | unexpected characters",
            "999999999                    | not a valid number",
            "12345                        | not a valid number",
            "+55 81 1234                  | not a valid number",
            "55+81999999999               | unexpected characters"
    })
    void refusesWhatIsNotAPhoneNumberWithAReason(String raw, String reason) {
        assertThatThrownBy(() -> PhoneNumbers.toE164(raw))
                .isInstanceOf(InvalidPhoneNumberException.class)
                .satisfies(e -> assertThat(((InvalidPhoneNumberException) e).reason()).isEqualTo(reason));
        assertThat(PhoneNumbers.tryE164(raw)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = "   ")
    void refusesNothing(String raw) {
        assertThatThrownBy(() -> PhoneNumbers.toE164(raw))
                .isInstanceOf(InvalidPhoneNumberException.class)
                .hasMessage("empty");
    }

    @Test
    void theExceptionMessageNeverCarriesTheFullNumber() {
        assertThatThrownBy(() -> PhoneNumbers.toE164("+55 81 1234"))
                .hasMessage("not a valid number (***1234)");
    }

    @ParameterizedTest(name = "{0} with JID {1} → {2}")
    @CsvSource(nullValues = "null", value = {
            "+5581999999999, 558199999999@s.whatsapp.net,  558199999999",   // WhatsApp keys this account by the legacy form
            "+5581999999999, 5581999999999@s.whatsapp.net, 5581999999999",
            "+5581999999999, null,                         5581999999999",
            "+5581999999999, 123456789012345@lid,          5581999999999",
            "+5581999999999, 5581988887777@s.whatsapp.net, 5581999999999"    // another person's JID is not used
    })
    void sendsToTheAddressWhatsAppUses(String e164, String knownJid, String expected) {
        assertThat(PhoneNumbers.sendDigits(e164, knownJid)).isEqualTo(expected);
    }

    @Test
    void masksLikeTheLogs() {
        assertThat(PhoneNumbers.mask("+5581999991234")).isEqualTo("***1234");
    }
}
