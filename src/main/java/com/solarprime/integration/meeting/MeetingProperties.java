package com.solarprime.integration.meeting;

import com.solarprime.integration.qualification.KommoUserRef;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Meetings between leads and salespeople.
 *
 * @param length how long a meeting lasts: a booking takes {@code [start, start + length)} of its salesperson's time
 * @param slotTimes local start times offered on a working day, those that fit in a salesperson's hours
 * @param salespeople who takes meetings, with their working hours; empty → the responsible users of
 *                    {@code solarprime.qualification.responsible}, else every user of the Kommo account, on business
 *                    hours
 * @param noShowGrace a meeting still scheduled or confirmed this long after its end, its Kommo task not completed,
 *                    was missed
 * @param attendanceCheckInterval how often meetings are checked for being held, missed or confirmed
 */
@ConfigurationProperties("solarprime.meetings")
public record MeetingProperties(Duration length, List<LocalTime> slotTimes, List<SalespersonHours> salespeople,
                                Duration noShowGrace, Duration attendanceCheckInterval) {

    public MeetingProperties {
        if (length == null || length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("solarprime.meetings.length must be positive");
        }
        if (slotTimes == null || slotTimes.isEmpty()) {
            throw new IllegalArgumentException("solarprime.meetings.slot-times must list at least one time");
        }
        slotTimes = slotTimes.stream().distinct().sorted().toList();
        salespeople = salespeople == null ? List.of() : List.copyOf(salespeople);
        if (noShowGrace == null || noShowGrace.isNegative()) {
            throw new IllegalArgumentException("solarprime.meetings.no-show-grace must be a duration of zero or more");
        }
        if (attendanceCheckInterval == null || attendanceCheckInterval.isNegative() || attendanceCheckInterval.isZero()) {
            throw new IllegalArgumentException("solarprime.meetings.attendance-check-interval must be positive");
        }
    }

    /**
     * A Kommo user who takes meetings. Hours left out are the business's ({@code solarprime.business-hours}).
     *
     * @param user the user's e-mail in Kommo (users are mapped by e-mail during provisioning), or the user's id
     * @param days working days of the week
     * @param open first minute a meeting may start
     * @param close a meeting must end by then
     */
    public record SalespersonHours(String user, Set<DayOfWeek> days, LocalTime open, LocalTime close) {

        public SalespersonHours {
            try {
                user = KommoUserRef.parse(user).map(ref -> ref.isId() ? String.valueOf(ref.userId()) : ref.email())
                        .orElseThrow(() -> new IllegalArgumentException("a salesperson needs a user"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("solarprime.meetings.salespeople: " + e.getMessage(), e);
            }
            days = days == null || days.isEmpty() ? null : Set.copyOf(EnumSet.copyOf(days));
            if (open != null && close != null && !open.isBefore(close)) {
                throw new IllegalArgumentException("solarprime.meetings.salespeople: " + user + " opens (" + open
                        + ") after closing (" + close + ")");
            }
        }

        public KommoUserRef ref() {
            return KommoUserRef.parse(user).orElseThrow();
        }
    }
}
