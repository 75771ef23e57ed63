package com.solarprime.integration.meeting;

import com.solarprime.integration.calendar.BusinessHoursProperties;
import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.lead.Lead;
import com.solarprime.integration.qualification.KommoUserRef;
import com.solarprime.integration.qualification.QualificationProperties;
import com.solarprime.integration.qualification.ResponsibleUserRule;
import com.solarprime.integration.qualification.SolutionType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Who takes meetings: the configured salespeople, else the seed's responsible users, else every user of the Kommo
 * account. Users given by e-mail become Kommo user ids through the account map, so a salesperson Kommo does not know
 * (yet: before provisioning) takes no meetings.
 */
@Component
public class Salespeople {

    private final MeetingProperties meetings;
    private final QualificationProperties.Responsible responsible;
    private final ResponsibleUserRule rule;
    private final BusinessHoursProperties hours;
    private final AccountMap map;

    public Salespeople(MeetingProperties meetings, QualificationProperties qualification, BusinessHoursProperties hours,
                       AccountMap map) {
        this.meetings = meetings;
        this.responsible = qualification.responsible();
        this.rule = new ResponsibleUserRule(responsible);
        this.hours = hours;
        this.map = map;
    }

    /** Every salesperson Kommo knows, in the order of the settings (all the account's users: of their ids). */
    public List<Salesperson> all() {
        Map<String, Long> users = map.users();
        List<MeetingProperties.SalespersonHours> configured = meetings.salespeople();
        if (configured.isEmpty()) {
            configured = Stream.of(responsible.highValueUser(), responsible.investmentUser(), responsible.defaultUser())
                    .filter(user -> user != null && !user.isBlank())
                    .map(user -> new MeetingProperties.SalespersonHours(user, null, null, null)).toList();
        }
        if (configured.isEmpty()) {
            configured = users.keySet().stream()
                    .map(email -> new MeetingProperties.SalespersonHours(email, null, null, null)).toList();
        }
        Map<Long, Salesperson> resolved = new LinkedHashMap<>();
        for (MeetingProperties.SalespersonHours person : configured) {
            userId(person.ref()).ifPresent(id -> resolved.putIfAbsent(id, new Salesperson(id, name(id, users),
                    person.days() == null ? hours.days() : person.days(),
                    person.open() == null ? hours.open() : person.open(),
                    person.close() == null ? hours.close() : person.close())));
        }
        return List.copyOf(resolved.values());
    }

    /** A salesperson by e-mail or Kommo user id. */
    public Optional<Salesperson> find(String emailOrId) {
        Optional<KommoUserRef> ref;
        try {
            ref = KommoUserRef.parse(emailOrId);
        } catch (IllegalArgumentException notAUser) {
            return Optional.empty();
        }
        return ref.flatMap(this::userId).flatMap(this::byUserId);
    }

    public Optional<Salesperson> byUserId(Long userId) {
        return userId == null ? Optional.empty() : all().stream().filter(s -> s.userId() == userId).findFirst();
    }

    /**
     * The salespeople in the order they are asked to take a lead's meeting (seed 5.1): the one the responsibility rule
     * gives the lead (high-value bill, investment), then the default user, then the others.
     */
    public List<Salesperson> inOrderFor(Lead lead) {
        ResponsibleUserRule.Assignment assigned = rule.assign(lead.billValue(), solutionType(lead.solutionType()));
        List<Long> first = new ArrayList<>();
        Optional.ofNullable(assigned.user()).flatMap(this::userId).ifPresent(first::add);
        KommoUserRef.parse(responsible.defaultUser()).flatMap(this::userId).ifPresent(first::add);
        List<Salesperson> ordered = new ArrayList<>(all());
        ordered.sort((a, b) -> Integer.compare(rank(first, a), rank(first, b)));
        return ordered;
    }

    private static int rank(List<Long> first, Salesperson salesperson) {
        int at = first.indexOf(salesperson.userId());
        return at < 0 ? first.size() : at;
    }

    private Optional<Long> userId(KommoUserRef ref) {
        return ref.isId() ? Optional.of(ref.userId()) : map.userId(ref.email().toLowerCase(java.util.Locale.ROOT));
    }

    /** How the API names a Kommo user: the e-mail, or the id when no e-mail is known. */
    public String name(long userId) {
        return name(userId, map.users());
    }

    private static String name(long userId, Map<String, Long> users) {
        return users.entrySet().stream().filter(e -> e.getValue() == userId).map(Map.Entry::getKey).findFirst()
                .orElse(String.valueOf(userId));
    }

    private static SolutionType solutionType(String kommoName) {
        return Arrays.stream(SolutionType.values()).filter(t -> t.kommoName().equals(kommoName)).findFirst().orElse(null);
    }
}
