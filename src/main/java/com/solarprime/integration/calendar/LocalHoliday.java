package com.solarprime.integration.calendar;

import java.time.LocalDate;
import java.time.MonthDay;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * A state or municipal holiday of the business's city: on a fixed date every year, or a number of days from
 * Easter Sunday. Exactly one of the two is given.
 *
 * @param name what the city calls it, for whoever reads the settings
 * @param date the day of the year, written {@code MM-DD} (ISO {@code --MM-DD} is accepted too); 02-29 only
 *             closes in leap years
 * @param daysFromEaster days after Easter Sunday (negative: before it), kept within Easter's own year
 */
public record LocalHoliday(String name, @DateTimeFormat(pattern = "MM-dd") MonthDay date, Integer daysFromEaster) {

    /** Easter falls between 22 March and 25 April: these offsets land in the same year for every year. */
    static final int EARLIEST_DAYS_FROM_EASTER = -80;
    static final int LATEST_DAYS_FROM_EASTER = 250;

    public LocalHoliday {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a local holiday needs a name");
        }
        if (date == null && daysFromEaster == null) {
            throw new IllegalArgumentException("local holiday '" + name + "' needs a date (MM-DD) or days-from-easter");
        }
        if (date != null && daysFromEaster != null) {
            throw new IllegalArgumentException("local holiday '" + name
                    + "' has both a date and days-from-easter; give one");
        }
        if (daysFromEaster != null
                && (daysFromEaster < EARLIEST_DAYS_FROM_EASTER || daysFromEaster > LATEST_DAYS_FROM_EASTER)) {
            throw new IllegalArgumentException("local holiday '" + name + "': days-from-easter " + daysFromEaster
                    + " is outside " + EARLIEST_DAYS_FROM_EASTER + ".." + LATEST_DAYS_FROM_EASTER
                    + ", which would put it in another year than its Easter");
        }
    }

    public boolean fallsOn(LocalDate day) {
        if (date != null) {
            return date.equals(MonthDay.from(day));
        }
        return BrazilianHolidays.easterSunday(day.getYear()).plusDays(daysFromEaster).equals(day);
    }
}
