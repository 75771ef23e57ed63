package com.solarprime.integration.qualification;

import static com.solarprime.integration.qualification.Profiles.profile;
import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.qualification.ProfileValidator.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfileValidatorTest {

    @Test
    void aCompleteProfileIsValid() {
        assertThat(ProfileValidator.validate(Profiles.complete().build())).isEmpty();
    }

    @Test
    void onlyThePhoneIsRequired() {
        assertThat(ProfileValidator.validate(profile().phone("81 99999-9999").build())).isEmpty();
        assertThat(ProfileValidator.validate(profile().build()))
                .containsExactly(new FieldError("phone", "required"));
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        LeadProfile bad = profile().phone("12345").email("joao@").bill("-1").solution("painel")
                .timeline("semana_que_vem").stage("closing").messages(-2).responseSeconds(-5.0).build();

        assertThat(ProfileValidator.validate(bad)).containsExactly(
                new FieldError("phone", "invalid phone number: not a valid number"),
                new FieldError("email", "invalid e-mail address"),
                new FieldError("energy_bill_value", "must not be negative"),
                new FieldError("solution_interest", "unknown value 'painel'; expected one of "
                        + "[usina_propria, usina_parceira, desconto, desconto_alto, desconto_baixo, investimento]"),
                new FieldError("timeline", "unknown value 'semana_que_vem'; expected one of "
                        + "[imediato, 30_dias, 90_dias, futuro]"),
                new FieldError("qualification_stage", "unknown value 'closing'; expected one of [initial, identifying, "
                        + "solution_discovery, value_assessment, competitor_analysis, scheduling, scheduled]"),
                new FieldError("message_count", "must not be negative"),
                new FieldError("avg_response_time", "must be a non-negative number of seconds"));
    }

    @ParameterizedTest(name = "{0} → valid: {1}")
    @CsvSource({
            "joao@example.com,          true",
            "joao.silva+sdr@empresa.com.br, true",
            "joao@example,              false",
            "joao example@x.com,        false",
            "@example.com,              false",
            "joao@@example.com,         false"
    })
    void email(String email, boolean valid) {
        assertThat(ProfileValidator.validate(profile().phone("+5581999999999").email(email).build()).isEmpty())
                .isEqualTo(valid);
    }

    @Test
    void blankOptionalValuesAreAbsentNotWrong() {
        LeadProfile blank = profile().phone("+5581999999999").email(" ").solution("").timeline(" ").stage("").build();

        assertThat(ProfileValidator.validate(blank)).isEmpty();
    }

    @Test
    void zeroIsAValidBill() {
        assertThat(ProfileValidator.validate(profile().phone("+5581999999999").bill("0").build())).isEmpty();
    }

    @Test
    void noProfileAtAll() {
        assertThat(ProfileValidator.validate(null)).containsExactly(new FieldError("profile_data", "missing"));
    }
}
