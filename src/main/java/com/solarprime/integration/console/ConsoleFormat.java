package com.solarprime.integration.console;

import com.solarprime.integration.shared.PhoneNumbers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * How the console writes values (pages call it as {@code @consoleFormat}): dates and times as Brazilians write them, in the
 * console's zone ({@code 29/11/2026 14:30}), money as {@code R$ 1.234,56}, phone numbers masked ({@code ***1234}).
 */
@Component("consoleFormat")
public class ConsoleFormat {

    static final Locale PT_BR = Locale.forLanguageTag("pt-BR");
    private static final String NONE = "—";
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", PT_BR);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy", PT_BR);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, dd/MM/yyyy", PT_BR);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", PT_BR);

    private final ConsoleProperties console;
    private final Clock clock;

    public ConsoleFormat(ConsoleProperties console, Clock clock) {
        this.console = console;
        this.clock = clock;
    }

    public String dateTime(Instant instant) {
        return instant == null ? NONE : DATE_TIME.format(instant.atZone(console.zone()));
    }

    public String date(LocalDate date) {
        return date == null ? NONE : DATE.format(date);
    }

    /** {@code segunda-feira, 30/11/2026}. */
    public String day(LocalDate date) {
        return date == null ? NONE : DAY.format(date);
    }

    public String time(Instant instant) {
        return instant == null ? NONE : TIME.format(instant.atZone(console.zone()));
    }

    public String money(BigDecimal value) {
        return value == null ? NONE : "R$ " + decimal("#,##0.00").format(value);
    }

    public String count(long value) {
        return decimal("#,##0").format(value);
    }

    /** A fraction as a percentage with one decimal: 0.425 → {@code 42,5%}. */
    public String percent(Double fraction) {
        return fraction == null ? NONE : decimal("0.0").format(fraction * 100) + "%";
    }

    public String phone(String phone) {
        return phone == null ? NONE : PhoneNumbers.mask(phone);
    }

    /** How long ago, roughly: {@code 45 s}, {@code 12 min}, {@code 3 h 20 min}, {@code 4 d 2 h}. */
    public String age(Instant since) {
        if (since == null) {
            return NONE;
        }
        Duration age = Duration.between(since, clock.instant());
        if (age.isNegative()) {
            return "0 s";
        }
        if (age.toMinutes() < 1) {
            return age.toSeconds() + " s";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + " min";
        }
        if (age.toDays() < 1) {
            return age.toHours() + " h " + age.toMinutesPart() + " min";
        }
        return age.toDays() + " d " + age.toHoursPart() + " h";
    }

    private static DecimalFormat decimal(String pattern) {
        DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(PT_BR));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format;
    }
}
