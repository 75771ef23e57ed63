package com.solarprime.integration.sandbox.whatsapp;

import com.solarprime.integration.shared.ClientError;
import com.solarprime.integration.shared.PhoneNumbers;
import java.util.regex.Pattern;

/** The simulator plays a Brazilian lead: its number must be a Brazilian mobile, as WhatsApp numbers of leads are. */
final class BrazilianMobile {

    /** +55, a two-digit area code, then nine digits starting with 9. */
    private static final Pattern MOBILE = Pattern.compile("\\+55\\d{2}9\\d{8}");

    private BrazilianMobile() {
    }

    /** The E.164 form ({@code +5581999990001}) of what was typed, or a 400 saying what is wrong with it. */
    static String e164(String typed) {
        if (typed == null || typed.isBlank()) {
            throw new ClientError(400, "phone is required");
        }
        String e164;
        try {
            e164 = PhoneNumbers.toE164(typed);
        } catch (PhoneNumbers.InvalidPhoneNumberException e) {
            throw new ClientError(400, "phone: " + e.reason());
        }
        if (!MOBILE.matcher(e164).matches()) {
            throw new ClientError(400, "phone: not a Brazilian mobile number (+55, area code, 9 and eight digits)");
        }
        return e164;
    }
}
