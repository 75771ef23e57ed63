package com.solarprime.integration.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.solarprime.integration.support.IntegrationTest;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.Test;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What Camel schedules on the clustered job store is written whole or not at all. Without a transaction around it,
 * Spring's job store commits a job before its trigger: an instance starting beside another then found the job of a
 * route, not its trigger yet, and failed to start ("Trigger could not be found in quartz scheduler").
 */
@IntegrationTest
class QuartzSchedulingTest {

    @Autowired
    CamelContext camel;

    @Test
    void aJobWhoseTriggerCannotBeStoredLeavesNothingBehindAndCanBeScheduledAgain() throws Exception {
        Scheduler scheduler = camel.getComponent("quartz", QuartzComponent.class).getScheduler();
        JobKey key = JobKey.jobKey("half-stored", "quartz-scheduling-test");
        JobDetail job = JobBuilder.newJob(Job.class).withIdentity(key).build();

        // The trigger's description is longer than its column: the job row goes in, the trigger row does not.
        assertThatThrownBy(() -> scheduler.scheduleJob(job, trigger("x".repeat(300))))
                .isInstanceOf(SchedulerException.class);
        assertThat(scheduler.checkExists(key)).as("the job stored without its trigger").isFalse();

        scheduler.scheduleJob(job, trigger("fits"));
        assertThat(scheduler.getTriggersOfJob(key)).hasSize(1);
        scheduler.deleteJob(key);
    }

    private static Trigger trigger(String description) {
        return TriggerBuilder.newTrigger().withIdentity("half-stored", "quartz-scheduling-test").withDescription(description)
                .startAt(java.util.Date.from(java.time.Instant.now().plusSeconds(3_600)))
                .withSchedule(SimpleScheduleBuilder.repeatHourlyForever()).build();
    }
}
