package com.solarprime.integration.automation;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.convert.DurationStyle;

/**
 * When an action of the pipeline automation falls due, as the route says it in words:
 * <ul>
 *   <li>{@code now}, or a duration after the change ({@code 30m}, {@code 1h}, {@code 1d}, {@code PT30M},
 *       {@code P2D}), moved into business hours;</li>
 *   <li>{@code next business day 09:00};</li>
 *   <li>{@code 2h before the meeting} (the lead's meeting, or the "Data/Hora Reunião" field);</li>
 *   <li>{@code at the meeting};</li>
 *   <li>{@code 08:00 on the meeting day}.</li>
 * </ul>
 * What these mean in instants (business hours, holidays, the meeting date) is {@link DueRules}' computation.
 */
public sealed interface DueRule {

    /** This long after the change, moved into business hours. */
    record After(Duration delay) implements DueRule {
    }

    /** The first business day after the change's day, at this local time. */
    record NextBusinessDay(LocalTime time) implements DueRule {
    }

    /** This long before the meeting, inside business hours. */
    record BeforeMeeting(Duration lead) implements DueRule {
    }

    /** The meeting's own time, business hours or not. */
    record AtMeeting() implements DueRule {
    }

    /** This local time on the meeting's day, or the change's time when that has passed; only before the meeting. */
    record OnMeetingDay(LocalTime time) implements DueRule {
    }

    Pattern NEXT_BUSINESS_DAY = Pattern.compile("next business day (\\d{1,2}:\\d{2})");
    Pattern BEFORE_MEETING = Pattern.compile("(\\S+) before the meeting");
    Pattern ON_MEETING_DAY = Pattern.compile("(\\d{1,2}:\\d{2}) on the meeting day");

    /** Whether the rule needs the meeting's date. */
    default boolean aboutTheMeeting() {
        return this instanceof BeforeMeeting || this instanceof AtMeeting || this instanceof OnMeetingDay;
    }

    /** @throws IllegalArgumentException naming the accepted forms when {@code text} is none of them */
    static DueRule parse(String text) {
        String rule = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        try {
            if (rule.equals("now")) {
                return new After(Duration.ZERO);
            }
            if (rule.equals("at the meeting")) {
                return new AtMeeting();
            }
            Matcher m = NEXT_BUSINESS_DAY.matcher(rule);
            if (m.matches()) {
                return new NextBusinessDay(time(m.group(1)));
            }
            m = BEFORE_MEETING.matcher(rule);
            if (m.matches()) {
                return new BeforeMeeting(duration(m.group(1)));
            }
            m = ON_MEETING_DAY.matcher(rule);
            if (m.matches()) {
                return new OnMeetingDay(time(m.group(1)));
            }
            return new After(duration(rule));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("due rule '" + text + "' is none of: now, a duration (30m, 1h, 1d, PT30M), "
                    + "'next business day HH:mm', '<duration> before the meeting', 'at the meeting', "
                    + "'HH:mm on the meeting day'");
        }
    }

    private static Duration duration(String text) {
        Duration duration = DurationStyle.detectAndParse(text.toUpperCase(Locale.ROOT).startsWith("P") ? text.toUpperCase(Locale.ROOT) : text);
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative");
        }
        return duration;
    }

    private static LocalTime time(String text) {
        return LocalTime.parse(text.length() == 4 ? "0" + text : text);
    }
}
