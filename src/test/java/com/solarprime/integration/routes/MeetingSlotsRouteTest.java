package com.solarprime.integration.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.solarprime.integration.calendar.BusinessCalendar;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.KommoStub;
import com.solarprime.integration.support.StubbedRouteTest;
import java.time.LocalDate;
import java.time.LocalTime;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** routes/meeting-slots.camel.yaml with Kommo answered by a mock: a meeting there takes its slot. */
@StubbedRouteTest
class MeetingSlotsRouteTest {

    @Autowired
    CamelContext camel;
    @Autowired
    BusinessCalendar calendar;
    @LocalServerPort
    int port;

    @Test
    void aMeetingInKommoTakesItsSlot() throws Exception {
        LocalDate day = LocalDate.now(calendar.zone()).plusDays(7);
        while (!calendar.isBusinessDay(day)) {
            day = day.plusDays(1);
        }
        long tenOClock = calendar.atLocalTime(day, LocalTime.of(10, 0)).getEpochSecond();
        MockEndpoint kommoTasks = KommoStub.answering(camel,
                "{\"_embedded\":{\"tasks\":[{\"id\":1,\"task_type_id\":2,\"complete_till\":" + tenOClock + "}]}}");
        kommoTasks.expectedMessageCount(1);

        String reply = new Http(port).get("/api/meetings/slots?date=" + day, "X-Api-Key", Http.API_KEY).body();

        kommoTasks.assertIsSatisfied();
        JsonNode slots = new ObjectMapper().readTree(reply).path("slots");
        assertThat(slots.findValuesAsText("time")).startsWith("09:00", "10:00");
        assertThat(slots.get(0).path("available").asBoolean()).isTrue();
        assertThat(slots.get(1).path("available").asBoolean()).isFalse();
    }
}
