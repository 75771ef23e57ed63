package com.solarprime.integration.shared;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One canonical E.164 form for every way a phone number reaches us, so that one person is one lead.
 *
 * <p>WhatsApp accounts created before Brazil added the ninth mobile digit may still be keyed by the
 * 12-digit form ({@code 558199999999}); both forms normalise to the 13-digit {@code +5581999999999}.
 * Sending, however, must use the address WhatsApp itself uses: see {@link #sendDigits}.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String DEFAULT_REGION = "BR";
    private static final int BRAZIL = 55;
    private static final Set<String> PHONE_JID_SERVERS = Set.of("s.whatsapp.net", "c.us");
    private static final Pattern HUMAN_FORMAT = Pattern.compile("\\+?[\\d\\s().-]+");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private PhoneNumbers() {
    }

    /**
     * Normalises what a person or the agent typed, or a WhatsApp JID. Bare digits are read as Brazilian
     * (with or without the 55 country code); other countries need a leading {@code +} or a JID.
     */
    public static String toE164(String raw) {
        String text = requireText(raw);
        if (text.indexOf('@') >= 0) {
            return fromWhatsAppId(text);
        }
        if (!HUMAN_FORMAT.matcher(text).matches()) {
            throw new InvalidPhoneNumberException("unexpected characters", text);
        }
        String digits = text.replaceAll("\\D", "");
        boolean international = text.startsWith("+")
                || (digits.startsWith(String.valueOf(BRAZIL)) && (digits.length() == 12 || digits.length() == 13));
        return canonical(international ? "+" + digits : digits, text);
    }

    /**
     * Normalises a WhatsApp address: a JID ({@code 5581999999999@s.whatsapp.net}) or a Cloud API
     * {@code wa_id}. These are always international digits, whatever the country.
     */
    public static String fromWhatsAppId(String waIdOrJid) {
        String text = requireText(waIdOrJid);
        String user = text;
        int at = text.indexOf('@');
        if (at >= 0) {
            String server = text.substring(at + 1).toLowerCase(Locale.ROOT);
            if (server.equals("g.us")) {
                throw new InvalidPhoneNumberException("group JID, not a phone number", text);
            }
            if (server.equals("lid")) {
                throw new InvalidPhoneNumberException("LID JID carries no phone number", text);
            }
            if (!PHONE_JID_SERVERS.contains(server)) {
                throw new InvalidPhoneNumberException("not a phone JID", text);
            }
            user = userPart(text);
        }
        if (!DIGITS.matcher(user).matches()) {
            throw new InvalidPhoneNumberException("WhatsApp id is not digits", text);
        }
        return canonical("+" + user, text);
    }

    public static Optional<String> tryE164(String raw) {
        try {
            return Optional.of(toE164(raw));
        } catch (InvalidPhoneNumberException e) {
            return Optional.empty();
        }
    }

    /**
     * The digits to address a message to: those of the JID WhatsApp uses for this person when it is
     * known and belongs to the same number (it may be the 12-digit legacy form), else the E.164 digits.
     */
    public static String sendDigits(String e164, String knownJid) {
        String canonical = toE164(e164);
        if (knownJid != null && !knownJid.isBlank()) {
            try {
                if (fromWhatsAppId(knownJid).equals(canonical)) {
                    return userPart(knownJid.strip());
                }
            } catch (InvalidPhoneNumberException notAPhoneJid) {
                // A LID or group address cannot be checked against the number: the number itself is the safe target.
            }
        }
        return canonical.substring(1);
    }

    /** {@code +5581999991234} → {@code ***1234}, as everywhere else in logs. */
    public static String mask(String phone) {
        return LogSanitizer.maskPhone(phone);
    }

    private static String canonical(String candidate, String original) {
        PhoneNumber number;
        try {
            number = UTIL.parse(candidate, DEFAULT_REGION);
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumberException("not a phone number", original);
        }
        number = withNinthDigit(number);
        if (!UTIL.isValidNumber(number)) {
            throw new InvalidPhoneNumberException("not a valid number", original);
        }
        return UTIL.format(number, PhoneNumberFormat.E164);
    }

    /** Brazilian mobiles (8-digit subscriber numbers starting with 6–9) gained a leading 9 in 2016. */
    private static PhoneNumber withNinthDigit(PhoneNumber number) {
        String national = String.valueOf(number.getNationalNumber());
        if (number.getCountryCode() != BRAZIL || national.length() != 10 || national.charAt(2) < '6') {
            return number;
        }
        return new PhoneNumber()
                .setCountryCode(BRAZIL)
                .setNationalNumber(Long.parseLong(national.substring(0, 2) + "9" + national.substring(2)));
    }

    /** {@code 5581999999999:12@s.whatsapp.net} → {@code 5581999999999} (drops the device suffix). */
    private static String userPart(String jid) {
        int at = jid.indexOf('@');
        String user = at >= 0 ? jid.substring(0, at) : jid;
        int device = user.indexOf(':');
        return device >= 0 ? user.substring(0, device) : user;
    }

    private static String requireText(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidPhoneNumberException("empty", "");
        }
        return raw.strip();
    }

    /** A number that cannot be normalised; the message carries the reason and only a masked input. */
    public static final class InvalidPhoneNumberException extends IllegalArgumentException {

        private final String reason;

        InvalidPhoneNumberException(String reason, String input) {
            super(reason + (input.isEmpty() ? "" : " (" + LogSanitizer.maskPhone(input) + ")"));
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }
}
