package com.solarprime.integration.report;

import static com.solarprime.integration.report.Reports.at;
import static com.solarprime.integration.support.WhatsAppFixtures.freshPhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.solarprime.integration.kommo.AccountMap;
import com.solarprime.integration.qualification.LocalStage;
import com.solarprime.integration.support.IntegrationTest;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A week of stored history whose numbers were counted by hand: week 2026-W10 (Monday 2 to Sunday 8 March 2026, in
 * Recife), with the cohort window of four weeks starting Monday 9 February, and last week's from 2 February.
 *
 * <p>Who is in it:
 * <ul>
 *   <li>ten WhatsApp leads of the week, L1-L10, moving through the stages (L5 skips from Novo Lead to Proposta
 *       Enviada; L10 came in on Sunday at 22:00, which is Monday in UTC, and has not reached Kommo yet);</li>
 *   <li>two leads people created in Kommo during the week: K1 (moved to Qualificado and Reunião Agendada, its meeting
 *       held) and K2 (never moved);</li>
 *   <li>X, a deal of another pipeline created and won during the week: ignored;</li>
 *   <li>older leads: E1 (came in 10 February, in Proposta Enviada since 20 February), E2 (created in Kommo on
 *       3 February, in Em Qualificação since 5 February), E3 (came in 24 February, won on 3 March after skipping the
 *       meeting and the proposal), E4 (deleted in Kommo, never moved);</li>
 *   <li>meetings: L1's held, L2's no-show, L7's booked for next week, K1's held, E1's held in February, and L3's
 *       cancelled.</li>
 * </ul>
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WeeklyReportTest {

    static final IsoWeek WEEK = new IsoWeek(2026, 10);
    static final long OTHER_PIPELINE = 7_700_001L;
    static final long PRICE_REASON = 4471;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    AccountMap map;
    @Autowired
    WeeklyReports reports;

    final AtomicLong kommoIds = new AtomicLong(9_100_000_000L + (System.nanoTime() % 1_000_000) * 100);
    WeeklyReport report;

    @BeforeAll
    void history() {
        await().atMost(Duration.ofSeconds(30)).until(() -> map.missing().isEmpty());
        long l1 = whatsAppLead("L1 Ana", "2026-03-02T09:00", 85, new BigDecimal("30000.00"), null,
                "2026-03-02T09:05", "IN_QUALIFICATION", "2026-03-02T10:00", "QUALIFIED", "2026-03-03T10:00",
                "MEETING_SCHEDULED", "2026-03-04T10:00", "MEETING_CONFIRMED", "2026-03-05T09:00", "IN_NEGOTIATION",
                "2026-03-05T15:00", "PROPOSAL_SENT", "2026-03-06T10:00", "WON", "2026-03-07T10:00");
        long l2 = whatsAppLead("L2 Bruno", "2026-03-02T11:00", 72, null, null,
                "2026-03-02T11:05", "QUALIFIED", "2026-03-03T14:00", "MEETING_SCHEDULED", "2026-03-04T15:00");
        long l3 = whatsAppLead("L3 Carla", "2026-03-03T09:00", 55, null, null,
                "2026-03-03T09:05", "IN_QUALIFICATION", "2026-03-03T12:00", "QUALIFIED", "2026-03-05T12:00");
        whatsAppLead("L4 Diego", "2026-03-03T10:00", 30, null, PRICE_REASON,
                "2026-03-03T10:05", "IN_QUALIFICATION", "2026-03-04T10:00", "LOST", "2026-03-06T10:00");
        whatsAppLead("L5 Elisa", "2026-03-04T08:00", 90, new BigDecimal("12345.67"), null,
                "2026-03-04T08:05", "PROPOSAL_SENT", "2026-03-06T09:00", "WON", "2026-03-08T11:00");
        whatsAppLead("L6 Fábio", "2026-03-04T16:00", 20, null, PRICE_REASON,
                "2026-03-04T16:05", "LOST", "2026-03-05T10:00");
        long l7 = whatsAppLead("L7 Gabi", "2026-03-05T09:00", 70, null, null,
                "2026-03-05T09:05", "IN_QUALIFICATION", "2026-03-05T11:00", "QUALIFIED", "2026-03-06T11:00",
                "MEETING_SCHEDULED", "2026-03-06T16:00");
        whatsAppLead("L8 Hugo", "2026-03-06T10:00", 65, null, null,
                "2026-03-06T10:05", "IN_QUALIFICATION", "2026-03-06T11:00");
        whatsAppLead("L9 Iara", "2026-03-07T10:00", null, null, null,
                "2026-03-07T10:05", "LOST", "2026-03-08T10:00");
        localOnlyLead("L10 João", "2026-03-08T22:00", 40);
        localOnlyLead("L11 Depois", "2026-03-09T01:00", 95);

        long k1 = kommoLead("K1 Loja Centro", "2026-03-03T14:00", map.pipelineId(), "MEETING_SCHEDULED", "Indicação",
                false);
        move(null, k1, "NEW", "QUALIFIED", "2026-03-04T09:00");
        move(null, k1, "QUALIFIED", "MEETING_SCHEDULED", "2026-03-05T09:00");
        kommoLead("K2 Condomínio Sol", "2026-03-06T09:00", map.pipelineId(), "NEW", "Website", false);

        long x = kommoLead("X Outro funil", "2026-03-02T12:00", OTHER_PIPELINE, null, "Website", false);
        jdbc.sql("UPDATE kommo_lead SET status_id = 142, price = 50000, closed_at = ? WHERE id = ?")
                .params(ts("2026-03-05T12:00"), x).update();
        jdbc.sql("""
                        INSERT INTO stage_history (kommo_lead_id, pipeline_id, from_status_id, to_status_id, changed_at,
                            source, dedupe_key, status, reason)
                        VALUES (?, ?, 5555, 142, ?, 'webhook', ?, 'ignored', 'pipeline 7700001 is not SolarPrime''s')""")
                .params(x, OTHER_PIPELINE, ts("2026-03-05T12:00"), "report-test:" + x).update();

        long e1 = whatsAppLead("E1 Paulo", "2026-02-10T10:00", 80, null, null,
                "2026-02-10T10:05", "QUALIFIED", "2026-02-11T10:00", "MEETING_SCHEDULED", "2026-02-12T10:00",
                "PROPOSAL_SENT", "2026-02-20T10:00");
        long e2 = kommoLead("E2 Rita", "2026-02-03T09:00", map.pipelineId(), "IN_QUALIFICATION", null, false);
        move(null, e2, "NEW", "IN_QUALIFICATION", "2026-02-05T09:00");
        whatsAppLead("E3 Sérgio", "2026-02-24T10:00", 50, new BigDecimal("8000.00"), null,
                "2026-02-24T10:05", "QUALIFIED", "2026-02-25T10:00", "WON", "2026-03-03T10:00");
        kommoLead("E4 Apagado", "2026-01-05T09:00", map.pipelineId(), "NEW", null, true);

        meeting(l1, null, "2026-03-04T10:00", "2026-03-05T10:00", "held");
        meeting(l2, null, "2026-03-04T15:00", "2026-03-06T14:00", "no_show");
        meeting(l7, null, "2026-03-06T16:00", "2026-03-09T10:00", "scheduled");
        meeting(null, k1, "2026-03-05T09:00", "2026-03-05T15:00", "held");
        meeting(e1, null, "2026-02-12T10:00", "2026-02-13T10:00", "held");
        meeting(l3, null, "2026-03-05T13:00", "2026-03-06T09:00", "cancelled");

        report = reports.compute(WEEK);
    }

    @Test
    void leadsOfTheWeekAreOursFromWhatsAppAndThosePeopleCreatedInKommo() {
        // L1-L10, K1, K2: twelve. L11 came in on the Monday after; X is another pipeline's.
        assertThat(report.leads().received()).isEqualTo(12);
        // L1, L2, L3, L5 (skipped to Proposta Enviada), L7, K1.
        assertThat(report.leads().qualified()).isEqualTo(6);
        assertThat(report.leads().qualificationRate()).isEqualTo(0.5);
        // L1 85, L2 72, L5 90, L7 70 (the threshold counts).
        assertThat(report.leads().hot()).isEqualTo(4);
        // L1-L9 reached Kommo as WhatsApp leads; L10 has not, so Kommo has no origin for it yet.
        assertThat(report.leads().sources()).containsExactly(new WeeklyReport.SourceCount("WhatsApp", 9),
                new WeeklyReport.SourceCount("Indicação", 1), new WeeklyReport.SourceCount("Website", 1),
                new WeeklyReport.SourceCount(null, 1));
    }

    @Test
    void conversionFollowsTheFourWeekCohortAgainstLastWeeksCohort() {
        WeeklyReport.Conversion conversion = report.conversion();
        assertThat(conversion.cohortFrom()).isEqualTo("2026-02-09");
        assertThat(conversion.cohortTo()).isEqualTo("2026-03-08");
        // The twelve of the week with E1 and E3 (E2 came in before 9 February).
        // Qualified: L1 L2 L3 L5 L7 K1 E1 E3. Meeting: L1 L2 L7 K1 E1 by stage, L5 and E3 by skipping it (L3's was
        // cancelled). Proposal: L1 L5 E1 E3. Won: L1 L5 E3.
        assertThat(funnel(conversion.current())).containsExactly(14, 8, 7, 4, 3);
        assertThat(conversion.current().rates().leadToQualified()).isCloseTo(8 / 14.0, within(1e-12));
        assertThat(conversion.current().rates().qualifiedToMeeting()).isEqualTo(7 / 8.0);
        assertThat(conversion.current().rates().meetingToProposal()).isCloseTo(4 / 7.0, within(1e-12));
        assertThat(conversion.current().rates().proposalToWon()).isEqualTo(0.75);
        assertThat(conversion.current().rates().overall()).isCloseTo(3 / 14.0, within(1e-12));
        // Last week: E2, E1, E3 as of 1 March. E1 had its proposal; E3 was qualified, not yet won.
        assertThat(funnel(conversion.previous())).containsExactly(3, 2, 1, 1, 0);
        assertThat(conversion.change().leadToQualified()).isCloseTo(8 / 14.0 - 2 / 3.0, within(1e-12));
        assertThat(conversion.change().meetingToProposal()).isCloseTo(4 / 7.0 - 1, within(1e-12));
        assertThat(conversion.change().proposalToWon()).isEqualTo(0.75);
    }

    @Test
    void meetingsOfTheWeekWithTheirNoShow() {
        // Booked in the week: L1's, L2's, L7's, K1's (L3's was cancelled). Started in the week: L1's and K1's held,
        // L2's missed; L7's is next week.
        assertThat(report.meetings()).isEqualTo(new WeeklyReport.Meetings(4, 2, 1, 2 / 3.0));
    }

    @Test
    void resultsCountOurPipelinesDealsOnly() {
        // L1 30,000.00 + L5 12,345.67 + E3 8,000.00; X's 50,000 in another pipeline is not ours.
        assertThat(report.results().won()).isEqualTo(3);
        assertThat(report.results().revenue()).isEqualByComparingTo("50345.67");
        assertThat(report.results().averageTicket()).isEqualByComparingTo("16781.89");
        // L4 and L6 for the price, L9 without a reason.
        assertThat(report.results().lost()).isEqualTo(3);
        assertThat(report.results().lossReasons()).containsExactly(new WeeklyReport.LossReason(PRICE_REASON, null, 2));
    }

    @Test
    void medianDaysInEachStageAndTheLeadsStuckLongest() {
        // Stays that ended from 9 February on. Novo Lead (12): L1 55min, L2 26h55, L3 2h55, L4 23h55, L5 48h55,
        // L6 17h55, L7 1h55, L8 55min, L9 23h55, K1 19h, E1 23h55, E3 23h55: the middle two are 19h and 23h55.
        // Em Qualificação: L1 1d, L3 2d, L4 2d, L7 1d. Qualificado: L1 1d, L2 25h, L7 5h, K1 1d, E1 1d, E3 6d.
        // Reunião Agendada: L1 23h, E1 8d. Reunião Confirmada: L1 6h. Em Negociação: L1 19h.
        // Proposta Enviada: L1 1d, L5 50h.
        assertThat(report.stageTimes()).extracting(WeeklyReport.StageTime::stage).containsExactly(LocalStage.NEW,
                LocalStage.IN_QUALIFICATION, LocalStage.QUALIFIED, LocalStage.MEETING_SCHEDULED,
                LocalStage.MEETING_CONFIRMED, LocalStage.IN_NEGOTIATION, LocalStage.PROPOSAL_SENT);
        assertThat(report.stageTimes()).extracting(WeeklyReport.StageTime::stays).containsExactly(12, 4, 6, 2, 1, 1, 2);
        double[] medians = {days(19, 0, 23, 55) / 2, 1.5, 1.0, (days(23, 0) + 8) / 2, 0.25, days(19, 0),
                (1 + days(50, 0)) / 2};
        for (int i = 0; i < medians.length; i++) {
            assertThat(report.stageTimes().get(i).medianDays()).as(report.stageTimes().get(i).stage().name())
                    .isCloseTo(medians[i], within(1e-9));
        }
        // E2 in Em Qualificação since 5 February 09:00, E1 in Proposta Enviada since 20 February 10:00; E4 was deleted.
        assertThat(report.stuck().leads()).isEqualTo(2);
        assertThat(report.stuck().longest()).containsExactly(
                new WeeklyReport.StuckLead("E2 Rita", LocalStage.IN_QUALIFICATION, 31),
                new WeeklyReport.StuckLead("E1 Paulo", LocalStage.PROPOSAL_SENT, 16));
    }

    @Test
    void theMessageShowsTheseNumbersInBrazilianFormats() {
        String text = reports.prepare(report).text();

        assertThat(text).contains("📅 Período: 02/03/2026 a 08/03/2026 (semana 2026-W10)",
                "• Total recebidos: 12\n• Qualificados: 6\n• Leads quentes (score ≥ 70): 4\n• Taxa qualificação: 50,0%",
                "• WhatsApp: 9\n• Indicação: 1\n• Website: 1\n• Não informada: 1",
                "(leads de 09/02/2026 a 08/03/2026; variação × semana anterior)",
                "• Lead → Qualificado: 57,1% (-9,5 p.p.)",
                "• Qualificado → Reunião: 87,5% (+37,5 p.p.)",
                "• Reunião → Proposta: 57,1% (-42,9 p.p.)",
                "• Proposta → Fechamento: 75,0% (+75,0 p.p.)",
                "• *Taxa geral: 21,4%* (+21,4 p.p.)",
                "• Agendadas: 4\n• Realizadas: 2\n• Não compareceram: 1\n• Taxa comparecimento: 66,7%",
                "• Receita total: R$ 50.345,67\n• Negócios fechados: 3\n• Ticket médio: R$ 16.781,89\n"
                        + "• Negócios perdidos: 3\n  ◦ Motivo nº 4471: 2",
                "• Novo Lead: 0,9 dias\n• Em Qualificação: 1,5 dias\n• Qualificado: 1,0 dias\n"
                        + "• Reunião Agendada: 4,5 dias\n• Reunião Confirmada: 0,3 dias\n• Em Negociação: 0,8 dias\n"
                        + "• Proposta Enviada: 1,5 dias",
                "• E2 Rita (Em Qualificação): 31 dias\n• E1 Paulo (Proposta Enviada): 16 dias");
    }

    private static List<Integer> funnel(WeeklyReport.Funnel funnel) {
        return List.of(funnel.leads(), funnel.qualified(), funnel.meeting(), funnel.proposal(), funnel.won());
    }

    private static double days(int hours, int minutes) {
        return (hours * 60 + minutes) / 1440.0;
    }

    private static double days(int hours1, int minutes1, int hours2, int minutes2) {
        return days(hours1, minutes1) + days(hours2, minutes2);
    }

    /**
     * A WhatsApp lead that reached Kommo: created by our sync into Novo Lead at {@code synced}, then moved through
     * {@code stage, at} pairs. Kommo's mirror has it as a WhatsApp lead in its last stage.
     */
    private long whatsAppLead(String name, String createdAt, Integer score, BigDecimal price, Long lossReason,
                              String synced, String... moves) {
        long kommoId = kommoIds.incrementAndGet();
        String last = moves.length == 0 ? "NEW" : moves[moves.length - 2];
        long lead = jdbc.sql("""
                        INSERT INTO lead (phone_e164, name, created_at, score, kommo_lead_id, kommo_status_id, local_stage)
                        VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params("+" + freshPhone(), name, ts(createdAt), score, kommoId, map.statusId(last), last)
                .query(Long.class).single();
        jdbc.sql("""
                        INSERT INTO kommo_lead (id, lead_id, name, pipeline_id, status_id, price, lead_source, loss_reason_id,
                            created_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'WhatsApp', ?, ?)""")
                .params(kommoId, lead, name, map.pipelineId(), map.statusId(last), price, lossReason, ts(synced)).update();
        move(lead, kommoId, null, "NEW", synced);
        String from = "NEW";
        for (int i = 0; i < moves.length; i += 2) {
            move(lead, kommoId, from, moves[i], moves[i + 1]);
            from = moves[i];
        }
        return lead;
    }

    /** A WhatsApp conversation that has not reached Kommo yet. */
    private void localOnlyLead(String name, String createdAt, int score) {
        jdbc.sql("INSERT INTO lead (phone_e164, name, created_at, score) VALUES (?, ?, ?, ?)")
                .params("+" + freshPhone(), name, ts(createdAt), score).update();
    }

    /** A lead people created in Kommo, as the mirror knows it. */
    private long kommoLead(String name, String createdAt, long pipeline, String stage, String source, boolean deleted) {
        long kommoId = kommoIds.incrementAndGet();
        jdbc.sql("""
                        INSERT INTO kommo_lead (id, name, pipeline_id, status_id, lead_source, created_at, deleted)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(kommoId, name, pipeline, stage == null ? null : map.statusId(stage), source, ts(createdAt), deleted)
                .update();
        return kommoId;
    }

    private void move(Long lead, long kommoId, String from, String to, String at) {
        jdbc.sql("""
                        INSERT INTO stage_history (lead_id, kommo_lead_id, pipeline_id, from_status_id, to_status_id,
                            changed_at, source, dedupe_key, status)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'done')""")
                .params(lead, kommoId, map.pipelineId(), from == null ? null : map.statusId(from), map.statusId(to), ts(at),
                        from == null ? "sync" : "webhook", "report-test:" + kommoId + ":" + to + "@" + at)
                .update();
    }

    private void meeting(Long lead, Long kommoLead, String bookedAt, String startAt, String status) {
        Instant start = at(startAt);
        jdbc.sql("""
                        INSERT INTO meeting (lead_id, kommo_lead_id, salesperson_id, start_at, end_at, status, source, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'api', ?)""")
                .params(lead, kommoLead, kommoIds.incrementAndGet(), Timestamp.from(start),
                        Timestamp.from(start.plus(Duration.ofHours(1))), status, ts(bookedAt))
                .update();
    }

    private static Timestamp ts(String localDateTime) {
        return Timestamp.from(at(localDateTime));
    }
}
