package com.solarprime.integration.automation;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.automation.AutomationAction.AddNote;
import com.solarprime.integration.automation.AutomationAction.AlertSalesperson;
import com.solarprime.integration.automation.AutomationAction.CancelFollowUps;
import com.solarprime.integration.automation.AutomationAction.CreateTask;
import com.solarprime.integration.automation.AutomationAction.ScheduleFollowUp;
import com.solarprime.integration.calendar.BusinessCalendar;
import com.solarprime.integration.followup.FollowUpType;
import com.solarprime.integration.lead.StageChange;
import com.solarprime.integration.qualification.LocalStage;
import com.solarprime.integration.support.IntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What each stage does, decided by the shipped {@code pipeline-automation} route (YAML) and its action kamelets, as
 * in production; nothing is committed. Instants are in UTC; Recife is UTC-3. "Now" is Wednesday 3 March 2027, 10:00
 * in Recife unless a test says otherwise. The lead's responsible user is 8123456.
 */
@CamelSpringBootTest
@IntegrationTest
class StageAutomationTest {

    private static final long KOMMO_LEAD = 25399013L;
    private static final long LEAD = 42L;
    private static final Long USER = 8123456L;
    private static final Instant WEDNESDAY_10H = Instant.parse("2027-03-03T13:00:00Z");

    @Autowired
    ProducerTemplate producer;
    @Autowired
    BusinessCalendar calendar;

    private final Automation automation = new Automation();

    /** The route's plan for a stage change. */
    private final class Automation {

        List<AutomationAction> actionsFor(StageEvent event) {
            return actionsFor(event, false);
        }

        List<AutomationAction> actionsFor(StageEvent event, boolean meetingTaskBooked) {
            StageChange change = new StageChange(event.kommoLeadId(), null, null, 1L, event.stage(), event.now(), "webhook");
            return producer.requestBody("direct:pipeline-automation", new AutomationRun(7, change, event, meetingTaskBooked),
                    AutomationRun.class).actions();
        }
    }

    @Test
    void inQualification() {
        assertThat(automation.actionsFor(event(LocalStage.IN_QUALIFICATION))).containsExactly(
                new CreateTask("task:qualification-task@30m", "Iniciar qualificação via WhatsApp", at("2027-03-03T13:30:00Z"),
                        CreateTask.CALL, USER),
                new AddNote("note:qualification-note", "Lead entrou em processo de qualificação automática"));
    }

    @Test
    void inQualificationLateOnFridayIsDueOnMonday() {
        StageEvent fridayEvening = event(LocalStage.IN_QUALIFICATION, null, null, "2027-03-05T20:45:00Z");

        assertThat(automation.actionsFor(fridayEvening)).first()
                .isEqualTo(new CreateTask("task:qualification-task@30m", "Iniciar qualificação via WhatsApp", at("2027-03-08T11:00:00Z"),
                        CreateTask.CALL, USER));
    }

    @ParameterizedTest(name = "score {0}")
    @ValueSource(ints = {70, 85, 100})
    void aHotLeadGetsAnUrgentTaskAndItsSalespersonAnAlert(int score) {
        StageEvent event = new StageEvent(LocalStage.QUALIFIED, KOMMO_LEAD, LEAD, "Maria Souza", score, null, USER,
                WEDNESDAY_10H);

        assertThat(automation.actionsFor(event)).containsExactly(
                new CreateTask("task:hot-lead-task@1h", "URGENTE: Contatar lead quente para agendamento", at("2027-03-03T14:00:00Z"),
                        CreateTask.CALL, USER),
                new AlertSalesperson("alert:hot-lead-alert", USER, """
                        🔥 Lead quente qualificado!
                        Maria Souza · Lead #25399013 no Kommo · Score %d/100
                        Contatar para agendamento até 03/03/2027 às 11:00.""".formatted(score)));
    }

    @Test
    void aHotLeadWithoutNameOrOwnerAlertsTheGroup() {
        StageEvent event = new StageEvent(LocalStage.QUALIFIED, KOMMO_LEAD, null, null, 90, null, null, WEDNESDAY_10H);

        assertThat(automation.actionsFor(event)).last().isEqualTo(new AlertSalesperson("alert:hot-lead-alert", null, """
                🔥 Lead quente qualificado!
                Lead #25399013 no Kommo · Score 90/100
                Contatar para agendamento até 03/03/2027 às 11:00."""));
    }

    @ParameterizedTest(name = "score {0} → {1} at {2}")
    @CsvSource(nullValues = "null", value = {
            "69,   DAILY,        2027-03-04T13:00:00Z",
            "40,   DAILY,        2027-03-04T13:00:00Z",
            "39,   REENGAGEMENT, 2027-03-10T13:00:00Z",
            "0,    REENGAGEMENT, 2027-03-10T13:00:00Z",
            "null, REENGAGEMENT, 2027-03-10T13:00:00Z"
    })
    void warmAndColdLeadsGetAFollowUp(Integer score, FollowUpType type, Instant dueAt) {
        StageEvent event = new StageEvent(LocalStage.QUALIFIED, KOMMO_LEAD, LEAD, "Maria", score, null, USER,
                WEDNESDAY_10H);

        assertThat(automation.actionsFor(event)).containsExactly(new ScheduleFollowUp("follow-up:" + type + "@" + (type == FollowUpType.DAILY ? "24h" : "7d"), type, dueAt, null));
    }

    @Test
    void aFollowUpFallingOnAWeekendWaitsForMonday() {
        StageEvent saturdayWarm = new StageEvent(LocalStage.QUALIFIED, KOMMO_LEAD, LEAD, null, 50, null, USER,
                at("2027-03-05T15:00:00Z"));

        assertThat(automation.actionsFor(saturdayWarm))
                .containsExactly(new ScheduleFollowUp("follow-up:DAILY@24h", FollowUpType.DAILY, at("2027-03-08T11:00:00Z"), null));
    }

    @Test
    void aWarmLeadKnownOnlyToKommoHasNoOneToFollowUp() {
        StageEvent event = new StageEvent(LocalStage.QUALIFIED, KOMMO_LEAD, null, null, 50, null, USER, WEDNESDAY_10H);

        assertThat(automation.actionsFor(event)).isEmpty();
    }

    @Test
    void meetingScheduled() {
        StageEvent event = event(LocalStage.MEETING_SCHEDULED, LEAD, at("2027-03-05T17:00:00Z"), WEDNESDAY_10H);

        assertThat(automation.actionsFor(event)).containsExactly(
                new ScheduleFollowUp("follow-up:MEETING_CONFIRMATION@08:00 on the meeting day", FollowUpType.MEETING_CONFIRMATION, at("2027-03-05T11:00:00Z"), null),
                new CreateTask("task:meeting-preparation-task@2h before the meeting", "Preparar material para reunião", at("2027-03-05T15:00:00Z"), CreateTask.CALL,
                        USER),
                new AddNote("note:meeting-scheduled-note", "Reunião agendada para 05/03/2027 às 14:00\nConfirmação automática programada"));
    }

    @Test
    void aMeetingLaterTodayIsConfirmedNow() {
        StageEvent event = event(LocalStage.MEETING_SCHEDULED, LEAD, at("2027-03-03T18:00:00Z"), WEDNESDAY_10H);

        assertThat(automation.actionsFor(event)).startsWith(
                new ScheduleFollowUp("follow-up:MEETING_CONFIRMATION@08:00 on the meeting day", FollowUpType.MEETING_CONFIRMATION, WEDNESDAY_10H, null),
                new CreateTask("task:meeting-preparation-task@2h before the meeting", "Preparar material para reunião", at("2027-03-03T16:00:00Z"), CreateTask.CALL,
                        USER));
    }

    @Test
    void anEarlyMondayMeetingIsPreparedAtOpening() {
        StageEvent event = event(LocalStage.MEETING_SCHEDULED, LEAD, at("2027-03-08T11:30:00Z"), WEDNESDAY_10H);

        assertThat(automation.actionsFor(event)).startsWith(
                new ScheduleFollowUp("follow-up:MEETING_CONFIRMATION@08:00 on the meeting day", FollowUpType.MEETING_CONFIRMATION, at("2027-03-08T11:00:00Z"), null),
                new CreateTask("task:meeting-preparation-task@2h before the meeting", "Preparar material para reunião", at("2027-03-08T11:00:00Z"), CreateTask.CALL,
                        USER));
    }

    @Test
    void aSaturdayMeetingIsPreparedOnFridayAndNotConfirmedOutsideBusinessHours() {
        StageEvent event = event(LocalStage.MEETING_SCHEDULED, LEAD, at("2027-03-06T13:00:00Z"), WEDNESDAY_10H);

        assertThat(automation.actionsFor(event)).containsExactly(
                new CreateTask("task:meeting-preparation-task@2h before the meeting", "Preparar material para reunião", at("2027-03-05T20:59:00Z"), CreateTask.CALL,
                        USER),
                new AddNote("note:meeting-scheduled-note", "Reunião agendada para 06/03/2027 às 10:00"));
    }

    @Test
    void withNoBusinessTimeLeftThePreparationIsDueAtOnce() {
        Instant fridayNight = at("2027-03-05T22:00:00Z");
        StageEvent event = event(LocalStage.MEETING_SCHEDULED, LEAD, at("2027-03-06T13:00:00Z"), fridayNight);

        assertThat(automation.actionsFor(event)).first()
                .isEqualTo(new CreateTask("task:meeting-preparation-task@2h before the meeting", "Preparar material para reunião", fridayNight, CreateTask.CALL, USER));
    }

    @Test
    void aMeetingOfALeadKnownOnlyToKommoGetsNoConfirmation() {
        StageEvent event = event(LocalStage.MEETING_SCHEDULED, null, at("2027-03-05T17:00:00Z"), WEDNESDAY_10H);

        assertThat(automation.actionsFor(event)).containsExactly(
                new CreateTask("task:meeting-preparation-task@2h before the meeting", "Preparar material para reunião", at("2027-03-05T15:00:00Z"), CreateTask.CALL,
                        USER),
                new AddNote("note:meeting-scheduled-note", "Reunião agendada para 05/03/2027 às 14:00"));
    }

    @ParameterizedTest
    @EnumSource(value = LocalStage.class, names = {"MEETING_SCHEDULED", "MEETING_CONFIRMED"})
    void aMissingMeetingTimeOnlyLeavesANote(LocalStage stage) {
        assertThat(automation.actionsFor(event(stage, LEAD, null, WEDNESDAY_10H))).containsExactly(new AddNote("note:meeting-missing-note", "Reunião sem data/hora definida (campo \"Data/Hora Reunião\" vazio) na etapa \"" + stage.kommoName()
                        + "\": nenhuma tarefa ou mensagem automática foi programada."));
    }

    @ParameterizedTest
    @EnumSource(value = LocalStage.class, names = {"MEETING_SCHEDULED", "MEETING_CONFIRMED"})
    void aPastMeetingTimeOnlyLeavesANote(LocalStage stage) {
        for (Instant meeting : List.of(at("2027-03-02T17:00:00Z"), WEDNESDAY_10H)) {
            assertThat(automation.actionsFor(event(stage, LEAD, meeting, WEDNESDAY_10H))).containsExactly(new AddNote(
                    "note:meeting-past-note", "A reunião informada (%s) já passou: nenhuma tarefa ou mensagem automática foi programada"
                            .formatted(meeting.equals(WEDNESDAY_10H) ? "03/03/2027 às 10:00" : "02/03/2027 às 14:00")
                            + " para a etapa \"" + stage.kommoName() + "\"."));
        }
    }

    @Test
    void meetingConfirmed() {
        StageEvent event = event(LocalStage.MEETING_CONFIRMED, LEAD, at("2027-03-05T17:00:00Z"), WEDNESDAY_10H);

        assertThat(automation.actionsFor(event)).containsExactly(
                new CreateTask("task:meeting-task@at the meeting", "Realizar reunião com cliente", at("2027-03-05T17:00:00Z"), CreateTask.MEETING,
                        USER),
                new ScheduleFollowUp("follow-up:MEETING_REMINDER@2h before the meeting", FollowUpType.MEETING_REMINDER, at("2027-03-05T15:00:00Z"), null));
    }

    @Test
    void aMeetingBookedWithItsTaskGetsOnlyTheReminderWhenConfirmed() {
        StageEvent event = event(LocalStage.MEETING_CONFIRMED, LEAD, at("2027-03-05T17:00:00Z"), WEDNESDAY_10H);

        assertThat(automation.actionsFor(event, true)).containsExactly(
                new ScheduleFollowUp("follow-up:MEETING_REMINDER@2h before the meeting", FollowUpType.MEETING_REMINDER, at("2027-03-05T15:00:00Z"), null));
    }

    @Test
    void aMeetingOutsideBusinessHoursKeepsItsTimeAndGetsNoReminder() {
        StageEvent event = event(LocalStage.MEETING_CONFIRMED, LEAD, at("2027-03-06T13:00:00Z"), WEDNESDAY_10H);

        assertThat(automation.actionsFor(event)).containsExactly(
                new CreateTask("task:meeting-task@at the meeting", "Realizar reunião com cliente", at("2027-03-06T13:00:00Z"), CreateTask.MEETING,
                        USER));
    }

    @Test
    void anEarlyMeetingIsRemindedAtOpening() {
        StageEvent event = event(LocalStage.MEETING_CONFIRMED, LEAD, at("2027-03-08T12:00:00Z"), WEDNESDAY_10H);

        assertThat(automation.actionsFor(event)).last()
                .isEqualTo(new ScheduleFollowUp("follow-up:MEETING_REMINDER@2h before the meeting", FollowUpType.MEETING_REMINDER, at("2027-03-08T11:00:00Z"), null));
    }

    @Test
    void inNegotiation() {
        assertThat(automation.actionsFor(event(LocalStage.IN_NEGOTIATION))).containsExactly(
                new CreateTask("task:negotiation-proposal-task@1d", "Preparar proposta personalizada", at("2027-03-04T13:00:00Z"), CreateTask.CALL,
                        USER),
                new CreateTask("task:negotiation-savings-task@1d", "Calcular economia detalhada", at("2027-03-04T13:00:00Z"), CreateTask.CALL,
                        USER));
    }

    @Test
    void proposalSent() {
        assertThat(automation.actionsFor(event(LocalStage.PROPOSAL_SENT))).containsExactly(
                new CreateTask("task:proposal-task-1@2d", "Verificar se cliente recebeu proposta", at("2027-03-05T13:00:00Z"),
                        CreateTask.CALL, USER),
                new CreateTask("task:proposal-task-2@5d", "Follow-up da proposta - tirar dúvidas", at("2027-03-08T13:00:00Z"),
                        CreateTask.CALL, USER),
                new CreateTask("task:proposal-task-3@10d", "Último follow-up antes de arquivar", at("2027-03-15T11:00:00Z"),
                        CreateTask.CALL, USER),
                new ScheduleFollowUp("follow-up:PROPOSAL@2d", FollowUpType.PROPOSAL, at("2027-03-05T13:00:00Z"), null),
                new ScheduleFollowUp("follow-up:PROPOSAL@5d", FollowUpType.PROPOSAL, at("2027-03-08T13:00:00Z"), null),
                new ScheduleFollowUp("follow-up:PROPOSAL@10d", FollowUpType.PROPOSAL, at("2027-03-15T11:00:00Z"), null));
    }

    @Test
    void won() {
        assertThat(automation.actionsFor(event(LocalStage.WON))).containsExactly(
                new CancelFollowUps("cancel-follow-ups:deal won", "deal won"),
                new AddNote("note:won-note", "🎉 Negócio fechado com sucesso! Parabéns!"),
                new CreateTask("task:won-task@1d", "Iniciar processo de onboarding do cliente", at("2027-03-04T13:00:00Z"),
                        CreateTask.CALL, USER));
    }

    @Test
    void lost() {
        assertThat(automation.actionsFor(event(LocalStage.LOST))).containsExactly(
                new CancelFollowUps("cancel-follow-ups:deal lost", "deal lost"),
                new AddNote("note:lost-note", "Negócio perdido. Importante coletar feedback para melhorias."),
                new CreateTask("task:lost-task@7d", "Coletar feedback sobre perda do negócio", at("2027-03-10T13:00:00Z"),
                        CreateTask.CALL, USER));
    }

    @Test
    void aClosedLeadKnownOnlyToKommoHasNoFollowUpsToCancel() {
        assertThat(automation.actionsFor(event(LocalStage.LOST, null, null, WEDNESDAY_10H)))
                .extracting(AutomationAction::key).containsExactly("note:lost-note", "task:lost-task@7d");
    }

    @ParameterizedTest
    @NullSource
    @EnumSource(value = LocalStage.class, names = "NEW")
    void newAndUnknownStagesDoNothing(LocalStage stage) {
        assertThat(automation.actionsFor(event(stage))).isEmpty();
    }

    @ParameterizedTest(name = "now {0}")
    @ValueSource(strings = {"2027-03-03T13:00:00Z", "2027-03-05T20:50:00Z", "2027-03-06T15:00:00Z",
            "2027-02-05T23:59:00Z", "2027-03-25T21:30:00Z", "2027-05-26T10:00:00Z", "2026-12-31T22:00:00Z"})
    void everyTaskAndFollowUpFallsDueInBusinessHours(Instant now) {
        LocalDate meetingDay = calendar.localDate(now).plusDays(14);
        while (!calendar.isBusinessDay(meetingDay)) {
            meetingDay = meetingDay.plusDays(1);
        }
        Instant meeting = calendar.atLocalTime(meetingDay, LocalTime.of(15, 0));
        for (LocalStage stage : LocalStage.values()) {
            for (Integer score : new Integer[] {null, 50, 90}) {
                StageEvent event = new StageEvent(stage, KOMMO_LEAD, LEAD, "Maria", score, meeting, USER, now);
                for (AutomationAction action : automation.actionsFor(event)) {
                    if (action instanceof CreateTask task && task.taskTypeId() == CreateTask.CALL) {
                        assertThat(calendar.isOpen(task.dueAt())).as(stage + " " + task).isTrue();
                        assertThat(task.dueAt()).as(stage + " " + task).isAfterOrEqualTo(now);
                    } else if (action instanceof ScheduleFollowUp followUp) {
                        assertThat(calendar.isOpen(followUp.dueAt())).as(stage + " " + followUp).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void keysAreStableWhateverTheTime() {
        List<String> keys = automation.actionsFor(event(LocalStage.PROPOSAL_SENT)).stream()
                .map(AutomationAction::key).toList();
        List<String> later = automation.actionsFor(event(LocalStage.PROPOSAL_SENT, LEAD, null,
                "2027-03-06T15:00:00Z")).stream().map(AutomationAction::key).toList();

        assertThat(keys).isEqualTo(later).doesNotHaveDuplicates();
    }

    private static StageEvent event(LocalStage stage) {
        return event(stage, LEAD, null, WEDNESDAY_10H);
    }

    private static StageEvent event(LocalStage stage, Long leadId, Instant meetingAt, String now) {
        return event(stage, leadId, meetingAt, at(now));
    }

    private static StageEvent event(LocalStage stage, Long leadId, Instant meetingAt, Instant now) {
        return new StageEvent(stage, KOMMO_LEAD, leadId, "Maria Souza", 50, meetingAt, USER, now);
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
