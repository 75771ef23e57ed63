package com.solarprime.integration.report;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO-8601 week, written {@code 2026-W48}: Monday to Sunday, week 1 being the one with the year's first Thursday.
 */
public record IsoWeek(int year, int week) implements Comparable<IsoWeek> {

    private static final Pattern TEXT = Pattern.compile("(\\d{4})-W(\\d{2})");

    public IsoWeek {
        LocalDate thursdayOfWeekOne = LocalDate.of(year, 1, 4);
        long weeks = thursdayOfWeekOne.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        if (week < 1 || week > weeks) {
            throw new IllegalArgumentException(year + " has ISO weeks 1 to " + weeks + ", not " + week);
        }
    }

    /** {@code 2026-W48}; empty when the text is not an ISO week that exists. */
    public static Optional<IsoWeek> parse(String text) {
        Matcher matcher = TEXT.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new IsoWeek(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
        } catch (IllegalArgumentException noSuchWeek) {
            return Optional.empty();
        }
    }

    public static IsoWeek of(LocalDate day) {
        return new IsoWeek(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public LocalDate monday() {
        return LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public LocalDate sunday() {
        return monday().plusDays(6);
    }

    /** Monday 00:00 in the zone. */
    public Instant start(ZoneId zone) {
        return monday().atStartOfDay(zone).toInstant();
    }

    /** The next Monday 00:00 in the zone: the end, exclusive. */
    public Instant end(ZoneId zone) {
        return monday().plusWeeks(1).atStartOfDay(zone).toInstant();
    }

    public IsoWeek minusWeeks(int weeks) {
        return of(monday().minusWeeks(weeks));
    }

    public IsoWeek previous() {
        return minusWeeks(1);
    }

    @Override
    public int compareTo(IsoWeek other) {
        return monday().compareTo(other.monday());
    }

    @JsonValue
    @Override
    public String toString() {
        return "%04d-W%02d".formatted(year, week);
    }
}
