package com.solarprime.integration.automation;

import com.solarprime.integration.calendar.BusinessCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The computation behind {@link DueRule}s: business hours, holidays and the meeting date. Kommo tasks and
 * WhatsApp follow-ups differ in one respect: a task about a meeting must exist before it (it is moved back to the
 * last business minute when nothing fits), while a follow-up that cannot go out before the meeting is not sent.
 */
@Component
public class DueRules {

    private final BusinessCalendar calendar;

    public DueRules(BusinessCalendar calendar) {
        this.calendar = calendar;
    }

    /** When a Kommo task falls due; empty when the rule is about a meeting the lead does not have (ahead). */
    public Optional<Instant> task(DueRule rule, StageEvent event) {
        Instant now = event.now();
        if (rule instanceof DueRule.BeforeMeeting before) {
            return upcomingMeeting(event).map(meeting -> {
                Instant planned = meeting.minus(before.lead());
                Instant forward = calendar.intoBusinessHours(planned);
                return forward.isBefore(meeting) ? forward : latest(calendar.latestOpenAtOrBefore(planned), now);
            });
        }
        return common(rule, event);
    }

    /** When a follow-up is sent; empty when it cannot go out before the meeting it is about. */
    public Optional<Instant> followUp(DueRule rule, StageEvent event) {
        Instant now = event.now();
        if (rule instanceof DueRule.BeforeMeeting before) {
            return upcomingMeeting(event).flatMap(meeting -> {
                Instant due = calendar.intoBusinessHours(latest(meeting.minus(before.lead()), now));
                return due.isBefore(meeting) ? Optional.of(due) : Optional.empty();
            });
        }
        return common(rule, event).map(calendar::intoBusinessHours);
    }

    private Optional<Instant> common(DueRule rule, StageEvent event) {
        Instant now = event.now();
        if (rule instanceof DueRule.After after) {
            return Optional.of(calendar.intoBusinessHours(now.plus(after.delay())));
        }
        if (rule instanceof DueRule.NextBusinessDay next) {
            LocalDate day = calendar.localDate(now).plusDays(1);
            while (!calendar.isBusinessDay(day)) {
                day = day.plusDays(1);
            }
            return Optional.of(calendar.atLocalTime(day, next.time()));
        }
        if (rule instanceof DueRule.AtMeeting) {
            return upcomingMeeting(event);
        }
        if (rule instanceof DueRule.OnMeetingDay onDay) {
            // Only on the meeting's own day and before it: the texts speak of "today's meeting".
            return upcomingMeeting(event).flatMap(meeting -> {
                Instant planned = calendar.atLocalTime(calendar.localDate(meeting), onDay.time());
                Instant due = calendar.intoBusinessHours(latest(planned, now));
                boolean sameDay = calendar.localDate(due).equals(calendar.localDate(meeting));
                return sameDay && due.isBefore(meeting) ? Optional.of(due) : Optional.empty();
            });
        }
        throw new IllegalArgumentException("unknown due rule " + rule);
    }

    private static Optional<Instant> upcomingMeeting(StageEvent event) {
        return Optional.ofNullable(event.meetingAt()).filter(meeting -> meeting.isAfter(event.now()));
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
