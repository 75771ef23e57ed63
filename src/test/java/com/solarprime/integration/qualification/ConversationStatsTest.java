package com.solarprime.integration.qualification;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.qualification.ConversationStats.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationStatsTest {

    private static final Instant T0 = Instant.parse("2025-11-29T11:00:00Z");

    @Test
    void noConversation() {
        assertThat(ConversationStats.of(List.of())).isEqualTo(new ConversationStats(0, null, null));
    }

    @Test
    void aLeadWhoNeverAnsweredUsHasNoResponseTime() {
        List<Message> messages = List.of(lead(0), lead(10), ours(20));

        assertThat(ConversationStats.of(messages)).isEqualTo(new ConversationStats(2, null, T0.plusSeconds(10)));
    }

    @Test
    void eachReplyIsTimedFromOurLatestMessageBeforeIt() {
        List<Message> messages = new ArrayList<>(List.of(
                lead(0),                 // first contact: not a reply
                ours(5), ours(15),       // two messages of ours...
                lead(45),                // ...answered 30 s after the latest
                lead(50),                // a second message in a row is not a reply
                ours(100),
                lead(190)));             // 90 s
        Collections.shuffle(messages);

        assertThat(ConversationStats.of(messages)).isEqualTo(new ConversationStats(4, 60.0, T0.plusSeconds(190)));
    }

    private static Message lead(long seconds) {
        return new Message(true, T0.plusSeconds(seconds));
    }

    private static Message ours(long seconds) {
        return new Message(false, T0.plusSeconds(seconds));
    }
}
