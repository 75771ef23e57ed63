package com.solarprime.integration.console;

import com.solarprime.integration.shared.PhoneNumbers;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds leads by any part of their phone number or by name. A number is found whichever way it is typed: with or
 * without +55, formatted or not, and in the 12-digit form older WhatsApp accounts use (without the ninth digit).
 */
@Component
public class LeadSearch {

    /** A lead found, its phone masked: the full number is only on the lead's own page. */
    public record Found(long id, String name, String maskedPhone, String stage, Integer score, Instant lastActivity,
                        String syncState) {
    }

    private static final int LIMIT = 50;
    private static final String SELECT = """
            SELECT id, name, phone_e164, local_stage, score, GREATEST(last_inbound_at, last_outbound_at, created_at),
                sync_state
            FROM lead
            """;
    private static final String ORDER = """
            ORDER BY GREATEST(last_inbound_at, last_outbound_at, created_at) DESC NULLS LAST, id DESC LIMIT :limit""";
    /** Fewer digits than this match too many numbers to mean anything. */
    private static final int MIN_DIGITS = 4;

    private final JdbcClient jdbc;

    public LeadSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Found> search(String query) {
        String text = query == null ? "" : query.strip();
        String digits = text.replaceAll("\\D", "");
        Set<String> numbers = new LinkedHashSet<>();
        if (digits.length() >= MIN_DIGITS) {
            numbers.add("%" + digits + "%");
            PhoneNumbers.tryE164(text).ifPresent(e164 -> numbers.add("%" + e164.substring(1) + "%"));
        }
        boolean byName = text.codePoints().anyMatch(Character::isLetter);
        if (numbers.isEmpty() && !byName) {
            return List.of();
        }
        return jdbc.sql(SELECT + """
                        WHERE (:byName AND name ILIKE :name ESCAPE '\\')
                           OR substring(phone_e164 FROM 2) LIKE ANY(:numbers)
                           -- The 12-digit form of a Brazilian mobile: 55, the area code, then the number without its 9.
                           OR regexp_replace(phone_e164, '^\\+55(\\d{2})9(\\d{8})$', '55\\1\\2') LIKE ANY(:numbers)
                        """ + ORDER)
                .param("byName", byName)
                .param("name", "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                .param("numbers", numbers.toArray(String[]::new))
                .param("limit", LIMIT)
                .query(this::found)
                .list();
    }

    /** The leads heard from most recently. */
    public List<Found> recent() {
        return jdbc.sql(SELECT + ORDER).param("limit", LIMIT).query(this::found).list();
    }

    private Found found(ResultSet rs, int n) throws SQLException {
        return new Found(rs.getLong(1), rs.getString(2), PhoneNumbers.mask(rs.getString(3)), rs.getString(4),
                (Integer) rs.getObject(5, Integer.class), rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
                rs.getString(7));
    }
}
