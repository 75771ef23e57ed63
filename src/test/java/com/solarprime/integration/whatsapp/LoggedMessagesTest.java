package com.solarprime.integration.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the log provider keeps of its sends: by destination, whatever form of the number, and bounded. */
class LoggedMessagesTest {

    private final LoggedMessages logged = new LoggedMessages();

    @Test
    void everyWrittenFormOfANumberIsOneDestination() {
        logged.add(sent("a", "5581999991234"));
        logged.add(sent("b", "558199991234"));
        logged.add(sent("c", "120363000000000001@g.us"));

        assertThat(logged.to("+5581999991234")).extracting(LoggedMessages.Sent::id).containsExactly("a", "b");
        assertThat(logged.to("5581999991234")).hasSize(2);
        assertThat(logged.to("120363000000000001@g.us")).extracting(LoggedMessages.Sent::id).containsExactly("c");
        assertThat(logged.to("5581999990000")).isEmpty();
    }

    @Test
    void eachDestinationKeepsItsLatestMessages() {
        for (int i = 0; i < LoggedMessages.PER_DESTINATION + 5; i++) {
            logged.add(sent("m" + i, "5581999991234"));
        }

        assertThat(logged.to("5581999991234")).hasSize(LoggedMessages.PER_DESTINATION)
                .first().extracting(LoggedMessages.Sent::id).isEqualTo("m5");
    }

    @Test
    void theDestinationWrittenToLongestAgoIsForgottenFirst() {
        logged.add(sent("old", "5581999990000"));
        logged.add(sent("kept", "5581999990001"));
        for (int i = 2; i < LoggedMessages.DESTINATIONS; i++) {
            logged.add(sent("n" + i, "55819999" + String.format("%05d", i)));
        }
        logged.add(sent("kept again", "5581999990001"));
        logged.add(sent("one too many", "5581988880000"));

        assertThat(logged.to("5581999990000")).isEmpty();
        assertThat(logged.to("5581999990001")).hasSize(2);
        assertThat(logged.to("5581999900002")).hasSize(1);
    }

    private static LoggedMessages.Sent sent(String id, String to) {
        return new LoggedMessages.Sent(id, to, "texto", "text", Instant.parse("2026-11-30T12:00:00Z"));
    }
}
