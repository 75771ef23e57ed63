package com.solarprime.integration.qualification;

import static com.solarprime.integration.qualification.Profiles.profile;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QualificationNoteTest {

    private final QualificationNote note = new QualificationNote();

    @Test
    void aCompleteProfileFillsEverySection() {
        String text = note.render(Profiles.complete().phone("81 99999-9999").build(), SolutionType.OWN_PLANT, 100);

        assertThat(text).isEqualTo("""
                **Perfil do Lead**
                - Nome: João Silva
                - Telefone: +5581999999999
                - Valor da conta: R$ 4.500,00

                **Interesse Principal**
                - Solução: Usina própria
                - Timeline: imediato

                **Situação Atual**
                - Concorrente: Solar Nordeste
                - Desconto atual: 10%

                **Análise de Qualificação**
                - Score: 100/100
                - Estágio: scheduling
                - Mensagens trocadas: 12
                - Tempo médio de resposta: 45s

                **Observações**
                Prefere reunião pela manhã.""");
    }

    @Test
    void sectionsWithoutDataAreLeftOutAndGapsSaySo() {
        String text = note.render(profile().build(), SolutionType.DISCOUNT_LOW, 0);

        assertThat(text).isEqualTo("""
                **Perfil do Lead**
                - Nome: Não informado
                - Telefone: Não informado
                - Valor da conta: Não informado

                **Análise de Qualificação**
                - Score: 0/100
                - Estágio: initial
                - Mensagens trocadas: 0
                - Tempo médio de resposta: sem dados""");
    }

    @Test
    void situationShowsOnlyWhatIsKnown() {
        String text = note.render(profile().bill("1234567.891").solution("desconto").competitor("Solar Nordeste")
                .messages(3).responseSeconds(61.6).build(), SolutionType.DISCOUNT_HIGH, 40);

        assertThat(text)
                .contains("- Valor da conta: R$ 1.234.567,89\n")
                .contains("- Solução: Desconto >R$4000\n- Timeline: Não definido\n")
                .contains("**Situação Atual**\n- Concorrente: Solar Nordeste\n\n**Análise")
                .contains("- Mensagens trocadas: 3\n- Tempo médio de resposta: 62s")
                .doesNotContain("Desconto atual")
                .doesNotContain("Observações");
    }

    @Test
    void valuesAreNotReadAsTemplate() {
        String text = note.render(profile().name("{score} {#name}x{/name}").build(), SolutionType.DISCOUNT_LOW, 7);

        assertThat(text).contains("- Nome: {score} {#name}x{/name}\n");
    }
}
