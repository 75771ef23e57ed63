package com.solarprime.integration.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.meeting.MeetingAttendance.Started;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The held and no-show rules, for a meeting that ended at 11:00 UTC with a grace of two hours. */
class MeetingAttendanceTest {

    private static final Instant END = Instant.parse("2027-03-03T11:00:00Z");
    private static final Duration GRACE = Duration.ofHours(2);

    @Test
    void aCompletedTaskMeansHeldWhateverElseHappened() {
        assertThat(MeetingAttendance.outcome(new Started(1, 7L, END, true), true, END.plus(Duration.ofDays(3)), GRACE))
                .contains("held");
    }

    @Test
    void aLeadMovedOnWithoutCompletingTheTaskIsANoShowAtOnce() {
        assertThat(MeetingAttendance.outcome(new Started(1, 7L, END, true), false, END.minus(Duration.ofMinutes(30)), GRACE))
                .contains("no_show");
    }

    @Test
    void theGracePeriodAfterTheEndDecides() {
        Started open = new Started(1, 7L, END, false);

        assertThat(MeetingAttendance.outcome(open, false, END.plus(GRACE).minusSeconds(1), GRACE)).isEmpty();
        assertThat(MeetingAttendance.outcome(open, false, END.plus(GRACE), GRACE)).contains("no_show");
    }
}
