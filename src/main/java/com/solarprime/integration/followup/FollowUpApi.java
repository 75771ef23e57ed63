package com.solarprime.integration.followup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.lead.Lead;
import com.solarprime.integration.lead.Leads;
import com.solarprime.integration.shared.ClientError;
import com.solarprime.integration.shared.IdempotencyKey;
import com.solarprime.integration.shared.PhoneNumbers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/** {@code /api/follow-ups}: what integrators and the agent schedule, list and cancel. */
@Component("followUpApi")
public class FollowUpApi {

    private final ObjectMapper json;
    private final Leads leads;
    private final FollowUps followUps;
    private final Clock clock;

    public FollowUpApi(ObjectMapper json, Leads leads, FollowUps followUps, Clock clock) {
        this.json = json;
        this.leads = leads;
        this.followUps = followUps;
        this.clock = clock;
    }

    /** The reply to a schedule request, and whether it is the reply to an earlier request with the same key. */
    public record Scheduling(Map<String, Object> reply, boolean replayed) {
    }

    /** What a schedule request asks for, to tell it from another request under the same key. */
    private record Asked(long leadId, FollowUpType type, Instant dueAt, String text) {

        boolean sameAs(FollowUps.Scheduled earlier) {
            return earlier.leadId() == leadId && earlier.type() == type && earlier.dueAt().equals(dueAt)
                    && Objects.equals(earlier.text(), text);
        }
    }

    /**
     * {@code {"phone","dueAt","type","text"}}: 400 listing what is wrong, 409 for an opted-out or closed lead.
     * A request sent again with the {@code idempotencyKey} (may be null) of one that scheduled a follow-up gets that
     * follow-up back instead of a second one; the same key with another request is a 422.
     */
    public Scheduling schedule(String body, String idempotencyKey) {
        String dedupeKey = dedupeKey(idempotencyKey);
        JsonNode request;
        try {
            request = json.readTree(body == null ? "" : body);
        } catch (Exception e) {
            throw new ClientError(400, "body is not valid JSON");
        }
        if (request == null || !request.isObject()) {
            throw new ClientError(400, "body must be a JSON object with phone, dueAt, type and text");
        }
        List<Map<String, String>> errors = new ArrayList<>();
        String phone = PhoneNumbers.tryE164(request.path("phone").asText(null)).orElse(null);
        if (phone == null) {
            errors.add(error("phone", "not a valid phone number"));
        }
        FollowUpType type = FollowUpType.CUSTOM;
        if (request.hasNonNull("type")) {
            try {
                type = FollowUpType.valueOf(request.get("type").asText());
            } catch (IllegalArgumentException e) {
                errors.add(error("type", "unknown type; one of " + List.of(FollowUpType.values())));
            }
        }
        Instant dueAt = null;
        try {
            // Microseconds, as PostgreSQL keeps it: what is stored and answered is what a request sent again asks for.
            dueAt = Instant.parse(request.path("dueAt").asText("")).truncatedTo(ChronoUnit.MICROS);
            if (dueAt.isBefore(clock.instant())) {
                errors.add(error("dueAt", "is in the past"));
            }
        } catch (DateTimeParseException e) {
            errors.add(error("dueAt", "must be an ISO-8601 instant, e.g. 2026-12-01T12:00:00Z"));
        }
        String text = request.hasNonNull("text") ? request.get("text").asText() : null;
        if (type == FollowUpType.CUSTOM && (text == null || text.isBlank())) {
            errors.add(error("text", "a CUSTOM follow-up needs its text"));
        }
        if (!errors.isEmpty()) {
            throw new ClientError(400, errors.size() + " invalid field(s)", errors);
        }
        Lead lead = leads.byPhone(phone).orElseThrow(() -> new ClientError(404, "no lead with this phone"));
        Asked asked = new Asked(lead.id(), type, dueAt, text);
        Optional<Scheduling> earlier = replay(dedupeKey, asked);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        if (lead.optedOut() || FollowUps.closed(lead)) {
            throw new ClientError(409, lead.optedOut() ? "the lead opted out of automated messages" : "the lead is closed");
        }
        Optional<Long> id = followUps.schedule(lead.id(), type, dueAt, text, dedupeKey);
        if (id.isPresent()) {
            return new Scheduling(reply(id.get(), type, dueAt, "pending"), false);
        }
        // Either the lead may not receive it, or a request with the same key was committed in the meantime.
        return replay(dedupeKey, asked)
                .orElseThrow(() -> new ClientError(409, "the lead cannot receive automated messages"));
    }

    private static String dedupeKey(String idempotencyKey) {
        String key = IdempotencyKey.of(idempotencyKey);
        return key == null ? null : "api:" + key;
    }

    private Optional<Scheduling> replay(String dedupeKey, Asked asked) {
        if (dedupeKey == null) {
            return Optional.empty();
        }
        return followUps.byDedupeKey(dedupeKey).map(earlier -> {
            if (!asked.sameAs(earlier)) {
                throw new ClientError(422, "this Idempotency-Key was used for another request");
            }
            return new Scheduling(reply(earlier.id(), earlier.type(), earlier.dueAt(), earlier.status()), true);
        });
    }

    private static Map<String, Object> reply(long id, FollowUpType type, Instant dueAt, String status) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("id", id);
        reply.put("type", type.name());
        reply.put("dueAt", dueAt.toString());
        reply.put("status", status);
        return reply;
    }

    public List<FollowUps.View> ofLead(String rawPhone) {
        String phone = PhoneNumbers.tryE164(UriUtils.decode(rawPhone, StandardCharsets.UTF_8))
                .orElseThrow(() -> new ClientError(400, "not a valid phone number"));
        Lead lead = leads.byPhone(phone).orElseThrow(() -> new ClientError(404, "no lead with this phone"));
        return followUps.ofLead(lead.id());
    }

    public Map<String, Object> cancel(String id) {
        long followUpId;
        try {
            followUpId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new ClientError(400, "follow-up id must be a number");
        }
        if (!followUps.cancel(followUpId, "cancelled through the API")) {
            throw new ClientError(404, "no pending follow-up with this id");
        }
        return Map.of("id", followUpId, "status", "cancelled");
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
