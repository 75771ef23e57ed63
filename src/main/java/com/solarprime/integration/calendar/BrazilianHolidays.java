package com.solarprime.integration.calendar;

import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Brazil's national holidays, computed for any year so that the calendar never runs out: the fixed dates of
 * federal law and the movable ones that follow Easter.
 */
public final class BrazilianHolidays {

    /** Lei 14.759/2023 made Zumbi and Black Consciousness Day a national holiday from 2024 on. */
    private static final int BLACK_CONSCIOUSNESS_SINCE = 2024;

    private BrazilianHolidays() {
    }

    /**
     * Every national holiday and every nationwide "ponto facultativo" (optional day off that most businesses
     * observe), so that the business hours settings can decide on the optional ones.
     */
    public enum Holiday {
        NEW_YEAR(false),
        CARNIVAL_MONDAY(true),
        CARNIVAL_TUESDAY(true),
        GOOD_FRIDAY(false),
        TIRADENTES(false),
        LABOUR_DAY(false),
        CORPUS_CHRISTI(true),
        INDEPENDENCE(false),
        OUR_LADY_OF_APARECIDA(false),
        ALL_SOULS(false),
        REPUBLIC(false),
        BLACK_CONSCIOUSNESS(false),
        CHRISTMAS(false);

        private final boolean optional;

        Holiday(boolean optional) {
            this.optional = optional;
        }

        /** A ponto facultativo rather than a holiday of federal law. */
        public boolean optional() {
            return optional;
        }

        /** Empty for a year in which this was not a national holiday. */
        public Optional<LocalDate> dateIn(int year) {
            LocalDate easter = easterSunday(year);
            return switch (this) {
                case NEW_YEAR -> Optional.of(LocalDate.of(year, Month.JANUARY, 1));
                case CARNIVAL_MONDAY -> Optional.of(easter.minusDays(48));
                case CARNIVAL_TUESDAY -> Optional.of(easter.minusDays(47));
                case GOOD_FRIDAY -> Optional.of(easter.minusDays(2));
                case TIRADENTES -> Optional.of(LocalDate.of(year, Month.APRIL, 21));
                case LABOUR_DAY -> Optional.of(LocalDate.of(year, Month.MAY, 1));
                case CORPUS_CHRISTI -> Optional.of(easter.plusDays(60));
                case INDEPENDENCE -> Optional.of(LocalDate.of(year, Month.SEPTEMBER, 7));
                case OUR_LADY_OF_APARECIDA -> Optional.of(LocalDate.of(year, Month.OCTOBER, 12));
                case ALL_SOULS -> Optional.of(LocalDate.of(year, Month.NOVEMBER, 2));
                case REPUBLIC -> Optional.of(LocalDate.of(year, Month.NOVEMBER, 15));
                case BLACK_CONSCIOUSNESS -> year >= BLACK_CONSCIOUSNESS_SINCE
                        ? Optional.of(LocalDate.of(year, Month.NOVEMBER, 20)) : Optional.empty();
                case CHRISTMAS -> Optional.of(LocalDate.of(year, Month.DECEMBER, 25));
            };
        }
    }

    /** One holiday on its date. */
    public record Observance(LocalDate date, Holiday holiday) {
    }

    /** The year's holidays in date order. */
    public static List<Observance> of(int year) {
        List<Observance> observances = new ArrayList<>();
        for (Holiday holiday : Holiday.values()) {
            holiday.dateIn(year).ifPresent(date -> observances.add(new Observance(date, holiday)));
        }
        observances.sort(Comparator.comparing(Observance::date).thenComparing(Observance::holiday));
        return List.copyOf(observances);
    }

    /** The holidays falling on a date: a set, because Good Friday can fall on Tiradentes (21 April). */
    public static Set<Holiday> on(LocalDate date) {
        Set<Holiday> holidays = EnumSet.noneOf(Holiday.class);
        for (Holiday holiday : Holiday.values()) {
            if (holiday.dateIn(date.getYear()).filter(date::equals).isPresent()) {
                holidays.add(holiday);
            }
        }
        return holidays;
    }

    /** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher), valid for every Gregorian year. */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
