package com.solarprime.integration.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class FollowUpTemplatesTest {

    private final FollowUpTemplates templates = new FollowUpTemplates();

    @Test
    void immediateWithAndWithoutName() {
        assertThat(templates.render(FollowUpType.IMMEDIATE, "Maria Souza")).isEqualTo("""
                Oi Maria! 👋

                Percebi que você parou de responder. Está tudo bem?

                Se tiver alguma dúvida sobre energia solar ou nossos planos de economia, estou aqui para ajudar!

                Que tal continuarmos nossa conversa? 😊""");
        assertThat(templates.render(FollowUpType.IMMEDIATE, null)).startsWith("Oi! 👋\n\nPercebi");
    }

    @Test
    void daily() {
        assertThat(templates.render(FollowUpType.DAILY, "joão")).isEqualTo("""
                Olá João! ☀️

                Ontem conversamos sobre economia na conta de luz, mas não conseguimos finalizar.

                Você ainda tem interesse em descobrir como economizar até 20% todo mês?

                Posso te mostrar exatamente quanto você economizaria! 💰""");
    }

    @Test
    void meetingConfirmationWithAndWithoutName() {
        assertThat(templates.render(FollowUpType.MEETING_CONFIRMATION, "Ana")).isEqualTo("""
                Bom dia, Ana! 🌞

                Passando para confirmar nossa reunião de hoje sobre seu projeto de energia solar.

                Ainda está de pé? Me confirma por favor para eu preparar tudo certinho para você!

                Qualquer imprevisto, podemos remarcar sem problemas. 📅""");
        assertThat(templates.render(FollowUpType.MEETING_CONFIRMATION, " ")).startsWith("Bom dia! 🌞\n");
    }

    @Test
    void meetingReminder() {
        assertThat(templates.render(FollowUpType.MEETING_REMINDER, "Ana")).isEqualTo("""
                Oi Ana! ⏰

                Só passando para lembrar que nossa reunião sobre seu projeto de energia solar é daqui a pouco.

                Está tudo certo por aí? Se surgir algum imprevisto, me avisa que a gente remarca. 😊""");
    }

    @Test
    void proposal() {
        assertThat(templates.render(FollowUpType.PROPOSAL, "Carlos")).isEqualTo("""
                Oi Carlos! 📋

                Você recebeu a proposta que enviei sobre seu sistema de energia solar?

                Preparei tudo com muito carinho baseado no que conversamos. A economia ficou bem interessante!

                Posso tirar alguma dúvida sobre a proposta? 🤔""");
    }

    @Test
    void reengagement() {
        assertThat(templates.render(FollowUpType.REENGAGEMENT, null)).isEqualTo("""
                Olá! 😊

                Faz um tempinho que não conversamos sobre seu projeto de energia solar.

                Muita coisa melhorou nos últimos meses:
                ✅ Novas condições de pagamento
                ✅ Tecnologia mais eficiente
                ✅ Instalação mais rápida

                Que tal retomarmos? Posso te mostrar as novidades!""");
    }

    @ParameterizedTest
    @EnumSource(value = FollowUpType.class, names = {"CUSTOM", "MESSAGE", "CONSENT"}, mode = EnumSource.Mode.EXCLUDE)
    void noTemplateLeavesAPlaceholderOrADanglingSeparator(FollowUpType type) {
        for (String name : Arrays.asList(null, "", "  ", "🌞", "Maria")) {
            String text = templates.render(type, name);
            assertThat(text).doesNotContain("{", "}", " ,", " !", "Olá ,", "Oi ,");
        }
    }

    @ParameterizedTest(name = "[{0}] for {1} → [{2}]")
    @CsvSource(delimiter = ';', nullValues = "null", value = {
            "Oi {nome}, sua visita está marcada.   ; Maria Souza ; Oi Maria, sua visita está marcada.",
            "Oi {nome}, sua visita está marcada.   ; null        ; Oi, sua visita está marcada.",
            "Olá, {nome}! Tudo bem?                ; null        ; Olá! Tudo bem?",
            "Olá {nome}!                           ; null        ; Olá!",
            "{nome}, tudo bem?                     ; null        ; Tudo bem?",
            "{nome}! Tudo certo?                   ; null        ; Tudo certo?",
            "{nome}, tudo bem?                     ; ANA         ; Ana, tudo bem?",
            "Olá {nome|cliente}!                   ; null        ; Olá cliente!",
            "Olá {nome|cliente}!                   ; Bia         ; Olá Bia!",
            "Desconto de {valor} para {nome}       ; Bia         ; Desconto de {valor} para Bia",
            "Preço: R$ 1.000 $1 \\ {nome}          ; Bia         ; Preço: R$ 1.000 $1 \\ Bia",
            "Sem nome aqui                         ; Bia         ; Sem nome aqui"
    })
    void customTextUsesTheFirstName(String text, String name, String expected) {
        assertThat(templates.render(FollowUpType.CUSTOM, name, text)).isEqualTo(expected);
    }

    @Test
    void aCallersTextReplacesTheTypesWording() {
        assertThat(templates.render(FollowUpType.PROPOSAL, "Bia", "Oi {nome}, viu a proposta?"))
                .isEqualTo("Oi Bia, viu a proposta?");
    }

    @Test
    void customNeedsTheCallersText() {
        assertThatThrownBy(() -> templates.render(FollowUpType.CUSTOM, "Bia"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CUSTOM");
        assertThatThrownBy(() -> templates.render(FollowUpType.CUSTOM, "Bia", " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "[{0}] → [{1}]")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "Maria Souza           | Maria",
            "  maria   souza       | Maria",
            "JOSÉ DA SILVA         | José",
            "McDonald              | McDonald",
            "élida                 | Élida",
            "Ana-Paula Lima        | Ana-Paula",
            "🌞                    | null",
            "''                    | null",
            "null                  | null"
    })
    void firstName(String name, String expected) {
        assertThat(FollowUpTemplates.firstName(name).orElse(null)).isEqualTo(expected);
    }

    @Test
    void aReplyCancelsOnlyTheNoReplyCadence() {
        assertThat(FollowUpType.values()).filteredOn(FollowUpType::cancelledByReply)
                .containsExactly(FollowUpType.IMMEDIATE, FollowUpType.DAILY, FollowUpType.REENGAGEMENT);
    }
}
