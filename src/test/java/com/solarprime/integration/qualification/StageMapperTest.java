package com.solarprime.integration.qualification;

import static com.solarprime.integration.qualification.LocalStage.IN_NEGOTIATION;
import static com.solarprime.integration.qualification.LocalStage.IN_QUALIFICATION;
import static com.solarprime.integration.qualification.LocalStage.LOST;
import static com.solarprime.integration.qualification.LocalStage.MEETING_CONFIRMED;
import static com.solarprime.integration.qualification.LocalStage.NEW;
import static com.solarprime.integration.qualification.LocalStage.PROPOSAL_SENT;
import static com.solarprime.integration.qualification.LocalStage.QUALIFIED;
import static com.solarprime.integration.qualification.LocalStage.WON;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class StageMapperTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(nullValues = "null", value = {
            "initial,             NEW",
            "identifying,         IN_QUALIFICATION",
            "solution_discovery,  IN_QUALIFICATION",
            "value_assessment,    IN_QUALIFICATION",
            "competitor_analysis, QUALIFIED",
            "scheduling,          MEETING_SCHEDULED",
            "scheduled,           MEETING_CONFIRMED",
            "unheard_of,          IN_QUALIFICATION",
            "null,                IN_QUALIFICATION"
    })
    void seedTable(String qualificationStage, LocalStage stage) {
        assertThat(StageMapper.fromQualificationStage(qualificationStage)).isEqualTo(stage);
    }

    @ParameterizedTest(name = "{0} + {1} → {2}")
    @CsvSource(nullValues = "null", value = {
            // forward moves happen
            "NEW,               IN_QUALIFICATION,  IN_QUALIFICATION",
            "IN_QUALIFICATION,  QUALIFIED,         QUALIFIED",
            "QUALIFIED,         MEETING_CONFIRMED, MEETING_CONFIRMED",
            "NEW,               MEETING_SCHEDULED, MEETING_SCHEDULED",
            "null,              QUALIFIED,         QUALIFIED",
            // backward moves are refused
            "QUALIFIED,         IN_QUALIFICATION,  QUALIFIED",
            "MEETING_CONFIRMED, NEW,               MEETING_CONFIRMED",
            "MEETING_SCHEDULED, QUALIFIED,         MEETING_SCHEDULED",
            // staying put is no move
            "QUALIFIED,         QUALIFIED,         QUALIFIED",
            "QUALIFIED,         null,              QUALIFIED",
            // a person's stages past the meeting are never overwritten
            "IN_NEGOTIATION,    MEETING_CONFIRMED, IN_NEGOTIATION",
            "IN_NEGOTIATION,    PROPOSAL_SENT,     IN_NEGOTIATION",
            "PROPOSAL_SENT,     WON,               PROPOSAL_SENT",
            // won and lost are final
            "WON,               LOST,              WON",
            "LOST,              NEW,               LOST",
            "LOST,              MEETING_CONFIRMED, LOST"
    })
    void onlyForward(LocalStage current, LocalStage proposed, LocalStage expected) {
        assertThat(StageMapper.nextStage(current, proposed)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(value = LocalStage.class, names = {"IN_NEGOTIATION", "PROPOSAL_SENT", "WON", "LOST"})
    void handsOffStagesNeverChange(LocalStage current) {
        assertThat(LocalStage.values()).allSatisfy(proposed ->
                assertThat(StageMapper.nextStage(current, proposed)).isEqualTo(current));
    }

    @Test
    void stagesMatchTheDatabaseAndKommo() {
        assertThat(Arrays.stream(LocalStage.values()).map(Enum::name)).containsExactly("NEW", "IN_QUALIFICATION",
                "QUALIFIED", "MEETING_SCHEDULED", "MEETING_CONFIRMED", "IN_NEGOTIATION", "PROPOSAL_SENT", "WON", "LOST");
        assertThat(Arrays.stream(LocalStage.values()).map(LocalStage::kommoName)).containsExactly("Novo Lead",
                "Em Qualificação", "Qualificado", "Reunião Agendada", "Reunião Confirmada", "Em Negociação",
                "Proposta Enviada", "Fechado/Ganho", "Fechado/Perdido");
        assertThat(NEW.order()).isEqualTo(1);
        assertThat(LOST.order()).isEqualTo(9);
        assertThat(WON.isAfter(PROPOSAL_SENT)).isTrue();
        assertThat(IN_QUALIFICATION.isAfter(QUALIFIED)).isFalse();
        assertThat(IN_NEGOTIATION.isAfter(MEETING_CONFIRMED)).isTrue();
    }
}
