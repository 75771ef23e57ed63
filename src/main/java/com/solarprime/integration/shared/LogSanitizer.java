package com.solarprime.integration.shared;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scrubs text before it reaches a log or an operator's screen: credentials (bearer tokens, API keys,
 * OAuth secrets and codes) are replaced and phone numbers keep only their last four digits.
 */
public final class LogSanitizer {

    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(?i)(\"?(?:access_token|refresh_token|client_secret|apikey|api_key|x-api-key|password|secret|code|token)\"?"
                    + "\\s*[:=]\\s*\"?)[^\"&,\\s}]+");
    private static final Pattern PHONE = Pattern.compile("\\+?\\(?\\d[\\d\\s().-]{8,}\\d");
    private static final Pattern WEBHOOK_PATH_SECRET = Pattern.compile("(/webhooks/kommo/)[^/?\\s\"]+");

    private LogSanitizer() {
    }

    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        String out = BEARER.matcher(text).replaceAll("$1***");
        out = SECRET_FIELD.matcher(out).replaceAll("$1***");
        out = WEBHOOK_PATH_SECRET.matcher(out).replaceAll("$1***");
        Matcher phones = PHONE.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (phones.find()) {
            phones.appendReplacement(sb, Matcher.quoteReplacement(maskPhone(phones.group())));
        }
        phones.appendTail(sb);
        return sb.toString();
    }

    /** {@code +5581999991234} → {@code ***1234}. */
    public static String maskPhone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("\\D", "");
        return digits.length() <= 4 ? "***" : "***" + digits.substring(digits.length() - 4);
    }
}
