package com.solarprime.integration.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Numbers and dates as Brazilians write them: {@code R$ 12.345,67}, {@code 29/11/2026}, {@code 42,5%}. Money keeps a
 * plain space after {@code R$} (the JDK's pt-BR currency format puts a no-break space there, which WhatsApp shows
 * oddly in some clients).
 */
final class ReportFormat {

    static final Locale PT_BR = Locale.forLanguageTag("pt-BR");
    /** Shown for a rate whose denominator is zero. */
    static final String NONE = "—";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy", PT_BR);

    private ReportFormat() {
    }

    static String money(BigDecimal value) {
        return value == null ? NONE : "R$ " + decimal("#,##0.00").format(value);
    }

    static String date(LocalDate date) {
        return DATE.format(date);
    }

    /** A fraction as a percentage with one decimal: 0.425 → {@code 42,5%}. */
    static String percent(Double fraction) {
        return fraction == null ? NONE : decimal("0.0").format(fraction * 100) + "%";
    }

    /** A change of a fraction in percentage points, signed: 0.032 → {@code +3,2 p.p.}; empty when unknown. */
    static String points(Double change) {
        if (change == null) {
            return "";
        }
        double points = Math.round(change * 1000) / 10.0;
        return (points > 0 ? "+" : "") + decimal("0.0").format(points) + " p.p.";
    }

    /** Days with one decimal: {@code 2,5}. */
    static String days(double days) {
        return decimal("0.0").format(days);
    }

    static String count(long value) {
        return decimal("#,##0").format(value);
    }

    private static DecimalFormat decimal(String pattern) {
        DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(PT_BR));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format;
    }
}
