package com.solarprime.integration.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.report.WeeklyReport.Funnel;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportMessageTest {

    @Test
    void theMessageFollowsTheSeedsLayoutWithBrazilianNumbers() {
        assertThat(new ReportMessage(70).text(Reports.example())).isEqualTo("""
                📊 *RELATÓRIO SEMANAL SOLARPRIME*
                📅 Período: 23/11/2026 a 29/11/2026 (semana 2026-W48)

                🎯 *LEADS*
                • Total recebidos: 42
                • Qualificados: 19
                • Leads quentes (score ≥ 70): 11
                • Taxa qualificação: 45,2%

                📱 *FONTES*
                • WhatsApp: 31
                • Indicação: 6
                • Instagram: 3
                • Não informada: 2

                📈 *CONVERSÃO* (leads de 02/11/2026 a 29/11/2026; variação × semana anterior)
                • Lead → Qualificado: 45,0% (+2,6 p.p.)
                • Qualificado → Reunião: 56,9% (-0,9 p.p.)
                • Reunião → Proposta: 63,4% (-4,2 p.p.)
                • Proposta → Fechamento: 34,6% (+2,6 p.p.)
                • *Taxa geral: 5,6%* (+0,3 p.p.)

                📅 *REUNIÕES*
                • Agendadas: 14
                • Realizadas: 10
                • Não compareceram: 2
                • Taxa comparecimento: 83,3%

                💰 *RESULTADOS*
                • Receita total: R$ 87.345,60
                • Negócios fechados: 3
                • Ticket médio: R$ 29.115,20
                • Negócios perdidos: 5
                  ◦ Preço: 2
                  ◦ Motivo nº 4475: 1

                ⏱️ *TEMPO POR ETAPA* (mediana)
                • Novo Lead: 0,4 dias
                • Qualificado: 2,5 dias
                • Proposta Enviada: 6,0 dias

                ⚠️ *LEADS PARADOS* (mais de 14 dias na mesma etapa)
                • Marcos Albuquerque (Proposta Enviada): 31 dias
                • Lead sem nome (Qualificado): 17 dias
                • … e mais 4

                ✨ *Excelente trabalho, equipe!*""");
    }

    @Test
    void aWeekWithoutAnythingSaysSoInsteadOfDividingByZero() {
        IsoWeek week = new IsoWeek(2026, 2);
        Funnel empty = Funnel.of(0, 0, 0, 0, 0);
        WeeklyReport nothing = new WeeklyReport(week, week.monday(), week.sunday(), week.end(Reports.RECIFE),
                new WeeklyReport.Leads(0, 0, 0, null, List.of()),
                new WeeklyReport.Conversion(LocalDate.of(2025, 12, 15), week.sunday(), empty, empty,
                        empty.rates().minus(empty.rates())),
                new WeeklyReport.Meetings(0, 0, 0, null),
                new WeeklyReport.Results(0, new BigDecimal("0.00"), null, 0, List.of()), List.of(),
                new WeeklyReport.Stuck(14, 0, List.of()));

        String text = new ReportMessage(70).text(nothing);

        assertThat(text).contains("📱 *FONTES*\n• Nenhum lead na semana\n",
                "• Taxa qualificação: —\n",
                "• Lead → Qualificado: —\n",
                "• *Taxa geral: —*\n",
                "• Taxa comparecimento: —\n",
                "• Receita total: R$ 0,00\n• Negócios fechados: 0\n• Ticket médio: —\n• Negócios perdidos: 0\n\n⏱️",
                "⏱️ *TEMPO POR ETAPA* (mediana)\n• Sem mudanças de etapa no período\n",
                "(mais de 14 dias na mesma etapa)\n• Nenhum\n\n✨");
    }

    @Test
    void theChartsOwnCaptionNamesTheWeek() {
        assertThat(new ReportMessage(70).caption(Reports.example())).isEqualTo("""
                📊 *RELATÓRIO SEMANAL SOLARPRIME*
                📅 Período: 23/11/2026 a 29/11/2026 (semana 2026-W48)""");
    }
}
