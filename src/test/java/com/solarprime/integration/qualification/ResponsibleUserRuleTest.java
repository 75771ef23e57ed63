package com.solarprime.integration.qualification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.solarprime.integration.qualification.QualificationProperties.Responsible;
import com.solarprime.integration.qualification.ResponsibleUserRule.Assignment;
import com.solarprime.integration.qualification.ResponsibleUserRule.Role;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponsibleUserRuleTest {

    private static final BigDecimal THRESHOLD = new BigDecimal("4000");

    private final ResponsibleUserRule rule = new ResponsibleUserRule(
            new Responsible(THRESHOLD, "1234568", "investimentos@solarprime.com.br", "1234567"));

    @ParameterizedTest(name = "bill {0}, {1} → {2}")
    @CsvSource(nullValues = "null", value = {
            "4000.01, OWN_PLANT,    HIGH_VALUE",
            "9000,    INVESTMENT,   HIGH_VALUE",
            "4000,    INVESTMENT,   INVESTMENT",
            "null,    INVESTMENT,   INVESTMENT",
            "4000,    OWN_PLANT,    DEFAULT",
            "100,     DISCOUNT_LOW, DEFAULT",
            "null,    null,         DEFAULT"
    })
    void seedPrecedence(String bill, SolutionType type, Role role) {
        assertThat(rule.assign(bill == null ? null : new BigDecimal(bill), type).role()).isEqualTo(role);
    }

    @Test
    void eachRoleCarriesItsConfiguredUser() {
        assertThat(rule.assign(new BigDecimal("5000"), SolutionType.OWN_PLANT))
                .isEqualTo(new Assignment(Role.HIGH_VALUE, new KommoUserRef(1234568L, null)));
        assertThat(rule.assign(BigDecimal.TEN, SolutionType.INVESTMENT))
                .isEqualTo(new Assignment(Role.INVESTMENT, new KommoUserRef(null, "investimentos@solarprime.com.br")));
        assertThat(rule.assign(BigDecimal.TEN, SolutionType.OWN_PLANT))
                .isEqualTo(new Assignment(Role.DEFAULT, new KommoUserRef(1234567L, null)));
    }

    @Test
    void aRoleWithoutUserFallsBackToTheDefault() {
        ResponsibleUserRule onlyDefault = new ResponsibleUserRule(new Responsible(THRESHOLD, "", " ", "1234567"));

        assertThat(onlyDefault.assign(new BigDecimal("5000"), SolutionType.INVESTMENT))
                .isEqualTo(new Assignment(Role.DEFAULT, new KommoUserRef(1234567L, null)));
    }

    @Test
    void withNoUserConfiguredKommoDecides() {
        ResponsibleUserRule none = new ResponsibleUserRule(ApplicationDefaults.qualification().responsible());

        assertThat(none.assign(new BigDecimal("5000"), SolutionType.OWN_PLANT)).isEqualTo(new Assignment(Role.DEFAULT, null));
    }

    @Test
    void aMisconfiguredUserStopsTheStartUp() {
        assertThatThrownBy(() -> new ResponsibleUserRule(new Responsible(THRESHOLD, "Ana", null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a Kommo user id or e-mail: Ana");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", value = {
            "1234567,              1234567, null",
            "' 42 ',               42,      null",
            "ana@solarprime.com,   null,    ana@solarprime.com"
    })
    void userReferences(String configured, Long id, String email) {
        assertThat(KommoUserRef.parse(configured)).contains(new KommoUserRef(id, email));
        assertThat(KommoUserRef.parse(configured).map(KommoUserRef::isId)).contains(id != null);
    }

    @Test
    void blankIsNoUser() {
        assertThat(KommoUserRef.parse("  ")).isEqualTo(Optional.empty());
        assertThat(KommoUserRef.parse(null)).isEmpty();
    }
}
