package com.solarprime.integration.qualification;

import com.solarprime.integration.shared.PhoneNumbers.InvalidPhoneNumberException;
import com.solarprime.integration.shared.PhoneNumbers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks a {@link LeadProfile} and reports every bad field at once, so the agent can fix them in one
 * go. Field names are those of the JSON the agent sends.
 */
public final class ProfileValidator {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

    private ProfileValidator() {
    }

    public record FieldError(String field, String message) {
    }

    /** Empty when the profile is usable. */
    public static List<FieldError> validate(LeadProfile profile) {
        List<FieldError> errors = new ArrayList<>();
        if (profile == null) {
            errors.add(new FieldError("profile_data", "missing"));
            return errors;
        }
        if (isBlank(profile.phone())) {
            errors.add(new FieldError("phone", "required"));
        } else {
            try {
                PhoneNumbers.toE164(profile.phone());
            } catch (InvalidPhoneNumberException e) {
                errors.add(new FieldError("phone", "invalid phone number: " + e.reason()));
            }
        }
        if (!isBlank(profile.email()) && !isEmail(profile.email().strip())) {
            errors.add(new FieldError("email", "invalid e-mail address"));
        }
        if (profile.energyBillValue() != null && profile.energyBillValue().compareTo(BigDecimal.ZERO) < 0) {
            errors.add(new FieldError("energy_bill_value", "must not be negative"));
        }
        known("solution_interest", profile.solutionInterest(), SolutionInterest::fromCode, SolutionInterest.codes(),
                errors);
        known("timeline", profile.timeline(), Timeline::fromCode, Timeline.codes(), errors);
        known("qualification_stage", profile.qualificationStage(), QualificationStage::fromCode,
                QualificationStage.codes(), errors);
        if (profile.messageCount() != null && profile.messageCount() < 0) {
            errors.add(new FieldError("message_count", "must not be negative"));
        }
        Double responseTime = profile.avgResponseTimeSeconds();
        if (responseTime != null && (responseTime < 0 || responseTime.isNaN() || responseTime.isInfinite())) {
            errors.add(new FieldError("avg_response_time", "must be a non-negative number of seconds"));
        }
        return errors;
    }

    private static void known(String field, String value, Function<String, Optional<?>> lookup,
                              List<String> accepted, List<FieldError> errors) {
        if (!isBlank(value) && lookup.apply(value).isEmpty()) {
            errors.add(new FieldError(field, "unknown value '" + value + "'; expected one of " + accepted));
        }
    }

    static boolean isEmail(String value) {
        return EMAIL.matcher(value).matches();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
