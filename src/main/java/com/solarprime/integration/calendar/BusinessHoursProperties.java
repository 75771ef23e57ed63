package com.solarprime.integration.calendar;

import com.solarprime.integration.calendar.BrazilianHolidays.Holiday;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When automated messages may go out and when Kommo tasks may fall due (WhatsApp policy and LGPD: business
 * hours only).
 *
 * @param zone the business's time zone; opening times and holidays are read in it
 * @param open first minute of a business day
 * @param close end of a business day, exclusive
 * @param days days of the week the business works
 * @param holidays whether holidays are closed days: Brazil's national ones and the local ones
 * @param closedOptionalHolidays which "pontos facultativos" (Carnival Monday and Tuesday, Corpus Christi) are
 *                               also closed days; only optional holidays may be listed, the others always close
 * @param localHolidays the state's and the city's holidays, closed like national ones (none when absent)
 */
@ConfigurationProperties("solarprime.business-hours")
public record BusinessHoursProperties(ZoneId zone, LocalTime open, LocalTime close, Set<DayOfWeek> days,
                                      boolean holidays, Set<Holiday> closedOptionalHolidays,
                                      List<LocalHoliday> localHolidays) {

    public BusinessHoursProperties {
        Objects.requireNonNull(zone, "solarprime.business-hours.zone");
        Objects.requireNonNull(open, "solarprime.business-hours.open");
        Objects.requireNonNull(close, "solarprime.business-hours.close");
        if (!open.isBefore(close)) {
            throw new IllegalArgumentException("solarprime.business-hours.open (" + open
                    + ") must be before close (" + close + ")");
        }
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("solarprime.business-hours.days must name at least one day");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
        closedOptionalHolidays = closedOptionalHolidays == null ? Set.of() : Set.copyOf(closedOptionalHolidays);
        for (Holiday holiday : closedOptionalHolidays) {
            if (!holiday.optional()) {
                throw new IllegalArgumentException("solarprime.business-hours.closed-optional-holidays lists "
                        + holiday + ", which is a national holiday (always closed), not a ponto facultativo");
            }
        }
        localHolidays = localHolidays == null ? List.of() : List.copyOf(localHolidays);
    }
}
