package com.solarprime.integration.console;

import com.solarprime.integration.shared.PhoneNumbers;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What goes out to whom in the coming days: the follow-ups waiting to be sent, day by day in the console's zone. */
@Component
public class FollowUpCalendar {

    /**
     * @param maskedPhone the lead's number masked: its full number is only on its own page
     * @param text what will be sent, rendered from what is stored now
     * @param cancellable whether it is still pending (a claimed one is being sent)
     */
    public record Item(long id, Instant dueAt, String type, long leadId, String leadName, String maskedPhone, String text,
                       boolean cancellable) {
    }

    /** One day; today's also lists what is overdue (it waits for business hours, or the dispatcher is behind). */
    public record Day(LocalDate date, List<Item> items) {
    }

    private final JdbcClient jdbc;
    private final FollowUpText texts;
    private final ConsoleProperties console;
    private final Clock clock;

    public FollowUpCalendar(JdbcClient jdbc, FollowUpText texts, ConsoleProperties console, Clock clock) {
        this.jdbc = jdbc;
        this.texts = texts;
        this.console = console;
        this.clock = clock;
    }

    /** The days from today on, each with what falls due that day; anything overdue is listed under today. */
    public List<Day> read() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), console.zone());
        Instant end = today.plusDays(console.calendarDays()).atStartOfDay(console.zone()).toInstant();
        Map<LocalDate, List<Item>> days = new LinkedHashMap<>();
        for (int i = 0; i < console.calendarDays(); i++) {
            days.put(today.plusDays(i), new ArrayList<>());
        }
        jdbc.sql("""
                        SELECT f.id, f.due_at, f.type, f.lead_id, l.name, l.phone_e164, f.text, f.status
                        FROM follow_up f JOIN lead l ON l.id = f.lead_id
                        WHERE f.status IN ('pending', 'claimed') AND f.due_at < ?
                        ORDER BY f.due_at, f.id""")
                .param(Timestamp.from(end))
                .query((rs, n) -> {
                    Instant due = rs.getTimestamp(2).toInstant();
                    LocalDate day = LocalDate.ofInstant(due, console.zone());
                    days.get(day.isBefore(today) ? today : day).add(new Item(rs.getLong(1), due, rs.getString(3),
                            rs.getLong(4), rs.getString(5), PhoneNumbers.mask(rs.getString(6)),
                            texts.of(rs.getString(3), rs.getString(5), rs.getString(7)), "pending".equals(rs.getString(8))));
                    return null;
                })
                .list();
        return days.entrySet().stream().map(e -> new Day(e.getKey(), e.getValue())).toList();
    }
}
