package com.solarprime.integration.report;

import com.solarprime.integration.qualification.LocalStage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One lead of SolarPrime's funnel as the stored history tells it: when it came in, the stages it went through, and
 * what Kommo says of it now (origin, price, loss reason).
 *
 * @param leadId the local lead (a WhatsApp conversation), null for a lead people created in Kommo
 * @param kommoLeadId null until the lead reached Kommo
 * @param enteredAt when it came in: the conversation's start, or its creation in Kommo
 * @param source its "Origem do Lead" option, null when Kommo has none
 * @param score the qualification score, null when unscored (leads created in Kommo)
 * @param visits the stages it entered, in time order; a visit to a stage outside our funnel (another pipeline, a
 *               status we do not know) has a null stage and ends the stay before it
 * @param meetingsBooked when each of its meetings (not cancelled) was booked
 */
public record LeadJourney(Long leadId, Long kommoLeadId, String name, Instant enteredAt, String source, Integer score,
                          BigDecimal price, Long lossReasonId, boolean deleted, List<Visit> visits,
                          List<Instant> meetingsBooked) {

    public LeadJourney {
        visits = List.copyOf(visits);
        meetingsBooked = List.copyOf(meetingsBooked);
    }

    /**
     * @param stage null outside our funnel
     */
    public record Visit(Instant at, LocalStage stage) {
    }

    /** A time spent in one stage, ended by the next move. */
    public record Stay(LocalStage stage, Instant from, Instant to) {

        public Duration length() {
            return Duration.between(from, to);
        }
    }

    public boolean enteredIn(Instant from, Instant to) {
        return !enteredAt.isBefore(from) && enteredAt.isBefore(to);
    }

    /** Whether the lead had reached the step before {@code asOf}: by a stage, or for a meeting also by a booking. */
    public boolean reached(FunnelStep step, Instant asOf) {
        if (step == FunnelStep.LEAD) {
            return !enteredAt.isAfter(asOf);
        }
        if (step == FunnelStep.MEETING && meetingsBooked.stream().anyMatch(at -> at.isBefore(asOf))) {
            return true;
        }
        return visits.stream().filter(v -> v.at().isBefore(asOf)).anyMatch(v -> step.reachedAt(v.stage()));
    }

    /** Whether it moved to the stage within [from, to). */
    public boolean movedTo(LocalStage stage, Instant from, Instant to) {
        return visits.stream().anyMatch(v -> v.stage() == stage && !v.at().isBefore(from) && v.at().isBefore(to));
    }

    /** The stays that ended within [from, to). */
    public List<Stay> staysEnded(Instant from, Instant to) {
        List<Stay> stays = new ArrayList<>();
        for (int i = 0; i + 1 < visits.size(); i++) {
            Visit visit = visits.get(i);
            Instant end = visits.get(i + 1).at();
            if (visit.stage() != null && !end.isBefore(from) && end.isBefore(to)) {
                stays.add(new Stay(visit.stage(), visit.at(), end));
            }
        }
        return stays;
    }

    /** The last stage it entered before {@code asOf}. */
    public Optional<Visit> lastVisit(Instant asOf) {
        Visit last = null;
        for (Visit visit : visits) {
            if (visit.at().isBefore(asOf)) {
                last = visit;
            }
        }
        return Optional.ofNullable(last);
    }
}
