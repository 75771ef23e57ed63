package com.solarprime.integration.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.qualification.KommoUserRef;
import com.solarprime.integration.qualification.LeadProfile;
import com.solarprime.integration.qualification.LocalStage;
import com.solarprime.integration.qualification.ProfileValidator;
import com.solarprime.integration.qualification.Qualification;
import com.solarprime.integration.qualification.Qualifier;
import com.solarprime.integration.qualification.TagRules;
import com.solarprime.integration.shared.ClientError;
import com.solarprime.integration.shared.PhoneNumbers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * What the agent learnt becomes the lead's qualification: validated, enriched with the stored conversation's
 * statistics, scored, tagged, assigned and staged (forward only). The {@code qualify} route then queues it for Kommo.
 */
@Component("leadQualification")
public class LeadQualification {

    private final ObjectMapper json;
    private final Qualifier qualifier;
    private final Leads leads;
    private final UserDirectory users;
    private final JdbcClient jdbc;

    /** A qualified lead and the note about its qualification, keyed by its text. */
    public record Qualified(long leadId, String phone, String note, String noteKey) {
    }

    public LeadQualification(ObjectMapper json, Qualifier qualifier, Leads leads, UserDirectory users, JdbcClient jdbc) {
        this.json = json;
        this.qualifier = qualifier;
        this.leads = leads;
        this.users = users;
        this.jdbc = jdbc;
    }

    /**
     * The agent's JSON as a profile, checked before anything is written: anything that is not a JSON object, and
     * any invalid field (all of them listed), is the client's error.
     */
    public LeadProfile parse(String body) {
        LeadProfile profile;
        try {
            profile = body == null || body.isBlank() ? null : json.readValue(body, LeadProfile.class);
        } catch (JsonProcessingException e) {
            throw new ClientError(400, "body is not valid JSON: " + e.getOriginalMessage());
        }
        if (profile == null) {
            throw new ClientError(400, "body must be a JSON object with the lead's profile_data fields");
        }
        List<ProfileValidator.FieldError> errors = ProfileValidator.validate(profile);
        if (!errors.isEmpty()) {
            throw new ClientError(400, errors.size() + " invalid field(s)", errors);
        }
        return profile;
    }

    /** Runs in the {@code qualify} route's transaction. */
    public Qualified qualify(LeadProfile profile) {
        String phone = PhoneNumbers.toE164(profile.phone());
        long leadId = leads.contactByPhone(phone, null, null, null).leadId();
        Lead lead = leads.byId(leadId);
        var stats = leads.conversationStats(leadId);
        Qualification q = qualifier.qualify(profile.withStats(stats), stats);
        LocalStage stage = q.stageFrom(lead.stage());
        List<String> tags = new ArrayList<>(TagRules.merge(lead.tags(), q.tags()));
        if (lead.optedOut() && !tags.contains(TagRules.OPT_OUT)) {
            tags.add(TagRules.OPT_OUT);
        }
        jdbc.sql("""
                        UPDATE lead SET
                            name = COALESCE(:name, name),
                            name_source = CASE WHEN :name::text IS NULL THEN name_source ELSE 'agent' END,
                            email = COALESCE(:email, email), score = :score, solution_type = :solution,
                            bill_value = COALESCE(:bill, bill_value), local_stage = :stage, tags = :tags::jsonb,
                            profile = :profile::jsonb, responsible_user_id = COALESCE(:responsible, responsible_user_id),
                            updated_at = now()
                        WHERE id = :id""")
                .param("name", blankToNull(profile.name()))
                .param("email", blankToNull(profile.email()))
                .param("score", q.score())
                .param("solution", q.solutionType().kommoName())
                .param("bill", profile.energyBillValue())
                .param("stage", stage.name())
                .param("tags", leads.write(tags))
                .param("profile", leads.write(profile))
                .param("responsible", responsibleUserId(q.responsible().user()).orElse(null))
                .param("id", leadId)
                .update();
        return new Qualified(leadId, phone, q.note(), "qualification:" + leadId + ":" + fingerprint(q.note()));
    }

    public LeadView view(String rawPhone) {
        String phone = PhoneNumbers.tryE164(UriUtils.decode(rawPhone, StandardCharsets.UTF_8))
                .orElseThrow(() -> new ClientError(400, "not a valid phone number"));
        return leads.byPhone(phone).map(LeadView::of).orElseThrow(() -> new ClientError(404, "no lead with this phone"));
    }

    /** A configured salesperson given by id, or by e-mail resolved through the account's users. */
    private Optional<Long> responsibleUserId(KommoUserRef user) {
        if (user == null) {
            return Optional.empty();
        }
        return user.isId() ? Optional.of(user.userId()) : users.userId(user.email().toLowerCase());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String fingerprint(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
