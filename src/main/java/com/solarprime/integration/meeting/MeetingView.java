package com.solarprime.integration.meeting;

import java.time.Instant;

/**
 * A meeting as the API shows it.
 *
 * @param phone the lead's own phone number; null for a lead only Kommo knows
 * @param salesperson the salesperson's e-mail in Kommo (their user id when no e-mail is known)
 * @param salespersonId the salesperson's Kommo user id
 * @param status {@code scheduled}, {@code confirmed}, {@code held}, {@code no_show} or {@code cancelled}
 * @param source {@code agent}, {@code api} or {@code kommo} (made by a person in Kommo)
 * @param kommoTaskId the meeting task in Kommo; null until Kommo has it
 */
public record MeetingView(long id, String phone, String salesperson, long salespersonId, Instant start, Instant end,
                          String status, String source, Long kommoTaskId) {
}
