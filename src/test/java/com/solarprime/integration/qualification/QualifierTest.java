package com.solarprime.integration.qualification;

import static com.solarprime.integration.qualification.Profiles.profile;
import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.qualification.QualificationProperties.Responsible;
import com.solarprime.integration.qualification.ResponsibleUserRule.Assignment;
import com.solarprime.integration.qualification.ResponsibleUserRule.Role;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QualifierTest {

    private static final QualificationProperties DEFAULTS = ApplicationDefaults.qualification();

    private final Qualifier qualifier = new Qualifier(new QualificationProperties(DEFAULTS.score(), DEFAULTS.tags(),
            DEFAULTS.discountHighBillAbove(), new Responsible(new BigDecimal("4000"), "101", "102", "103")));

    @Test
    void qualifiesACompleteLead() {
        Qualification result = qualifier.qualify(Profiles.complete().build(), ConversationStats.NONE);

        assertThat(result.score()).isEqualTo(100);
        assertThat(result.solutionType()).isEqualTo(SolutionType.OWN_PLANT);
        assertThat(result.tags()).containsExactly("WhatsApp Lead", "Lead Quente", "Alto Valor", "Tem Concorrente",
                "Já Tem Desconto", "Urgente", "Alto Engajamento");
        assertThat(result.note()).startsWith("**Perfil do Lead**\n- Nome: João Silva").contains("- Score: 100/100");
        assertThat(result.responsible()).isEqualTo(new Assignment(Role.HIGH_VALUE, new KommoUserRef(101L, null)));
        assertThat(result.targetStage()).isEqualTo(LocalStage.MEETING_SCHEDULED);
    }

    @Test
    void storedStatisticsFillWhatTheAgentLeftOut() {
        LeadProfile reported = profile().phone("+5581999999999").bill("1500").build();
        ConversationStats stats = new ConversationStats(11, 42.0, Instant.parse("2025-11-29T11:00:00Z"));

        Qualification result = qualifier.qualify(reported, stats);

        assertThat(result.score()).isEqualTo(20 + 10 + 10);
        assertThat(result.tags()).contains("Alto Engajamento");
        assertThat(result.note()).contains("- Mensagens trocadas: 11\n- Tempo médio de resposta: 42s");
    }

    @Test
    void theAgentsFiguresWinWhenPresent() {
        LeadProfile reported = profile().phone("+5581999999999").messages(2).responseSeconds(400.0).build();

        Qualification result = qualifier.qualify(reported, new ConversationStats(11, 42.0, null));

        assertThat(result.score()).isZero();
        assertThat(result.tags()).doesNotContain("Alto Engajamento");
    }

    @Test
    void aLeadThatNeverAnsweredEarnsNoResponsePoints() {
        Qualification result = qualifier.qualify(profile().phone("+5581999999999").build(), new ConversationStats(0, null, null));

        assertThat(result.score()).isZero();
        assertThat(result.tags()).containsExactly("WhatsApp Lead", "Lead Frio");
        assertThat(result.note()).contains("- Tempo médio de resposta: sem dados");
    }

    @Test
    void theTargetStageOnlyAppliesForward() {
        Qualification result = qualifier.qualify(profile().stage("identifying").build(), null);

        assertThat(result.targetStage()).isEqualTo(LocalStage.IN_QUALIFICATION);
        assertThat(result.stageFrom(LocalStage.NEW)).isEqualTo(LocalStage.IN_QUALIFICATION);
        assertThat(result.stageFrom(LocalStage.QUALIFIED)).isEqualTo(LocalStage.QUALIFIED);
        assertThat(result.stageFrom(LocalStage.IN_NEGOTIATION)).isEqualTo(LocalStage.IN_NEGOTIATION);
    }

    @Test
    void investmentLeadsGoToTheInvestmentRoleWhenTheBillIsNotHigh() {
        Qualification result = qualifier.qualify(profile().solution("investimento").bill("4000").build(), null);

        assertThat(result.solutionType()).isEqualTo(SolutionType.INVESTMENT);
        assertThat(result.responsible()).isEqualTo(new Assignment(Role.INVESTMENT, new KommoUserRef(102L, null)));
    }
}
