package com.solarprime.integration.kommo.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class KommoEventsPageTest {

    @Test
    void aPageOfThreeEventsOneWithoutValueBefore() {
        KommoEventsPage page = KommoEventsPage.parse(KommoWebhookParserTest.fixture("events-page.json"));

        assertThat(page.statusChanges()).containsExactly(
                new LeadStatusEvent("01hq2k7c9x3a1b2c3d4e5f6g7h", 25399013L, 31788755L, 3104455L, 31788756L, 3104455L,
                        1767348000L, 8123456L),
                new LeadStatusEvent("01hq2k7c9x3a1b2c3d4e5f6g7i", 25399020L, null, null, 31788754L, 3104455L,
                        1767351660L, 0L),
                new LeadStatusEvent("01hq2k7c9x3a1b2c3d4e5f6g7j", 25399014L, 31788757L, 3104455L, 143L, 3104455L,
                        1767348060L, 8123456L));
        assertThat(page.skipped()).isEmpty();
        assertThat(page.lastCreatedAt()).isEqualTo(1767351660L);
        assertThat(page.nextPage()).endsWith("page=2&limit=250");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void kommosNoContentAnswerIsAnEmptyPage(String body) {
        KommoEventsPage page = KommoEventsPage.parse(body);

        assertThat(page.statusChanges()).isEmpty();
        assertThat(page.lastCreatedAt()).isNull();
        assertThat(page.nextPage()).isNull();
    }

    @Test
    void unreadableEventsAreSkippedWithTheirReasonAndStillMoveTheCursor() {
        KommoEventsPage page = KommoEventsPage.parse("""
                {"_embedded": {"events": {
                  "0": {"id": "a", "type": "lead_status_changed", "entity_id": 1, "entity_type": "lead",
                        "created_at": 100, "value_after": [], "value_before": []},
                  "1": {"id": "b", "type": "lead_added", "entity_id": 2, "entity_type": "lead", "created_at": 300},
                  "2": {"id": "c", "type": "lead_status_changed", "entity_type": "lead", "created_at": 200,
                        "value_after": [{"lead_status": {"id": 142}}]},
                  "3": {"id": "d", "type": "lead_status_changed", "entity_id": 4, "entity_type": "contact",
                        "created_at": 250, "value_after": [{"lead_status": {"id": 142}}]},
                  "4": {"id": "e", "type": "lead_status_changed", "entity_id": "5",
                        "value_after": [{"lead_status": {"id": 142}}]},
                  "5": {"id": "f", "entity_id": 6, "created_at": "150",
                        "value_after": {"0": {"lead_status": {"id": "143", "pipeline_id": "9"}}},
                        "value_before": {"lead_status": {"id": 7}}}
                }}}
                """);

        assertThat(page.statusChanges())
                .containsExactly(new LeadStatusEvent("f", 6L, 7L, null, 143L, 9L, 150L, null));
        assertThat(page.skipped()).containsExactly(
                "event a: no lead_status in value_after",
                "event b: type lead_added",
                "event c: no entity_id",
                "event d: entity type contact",
                "event e: no created_at");
        assertThat(page.lastCreatedAt()).isEqualTo(300L);
        assertThat(page.nextPage()).isNull();
    }

    @Test
    void aBareArrayOfEventsIsAccepted() {
        KommoEventsPage page = KommoEventsPage.parse("""
                [{"id": "x", "type": "lead_status_changed", "entity_id": 9, "created_at": 5,
                  "value_after": [{"lead_status": {"id": 142, "pipeline_id": 3}}]}]""");

        assertThat(page.statusChanges()).extracting(LeadStatusEvent::toStatus).containsExactly(142L);
    }

    @Test
    void aBodyThatIsNotJsonIsAnError() {
        assertThatThrownBy(() -> KommoEventsPage.parse("<html>")).isInstanceOf(IllegalArgumentException.class);
    }
}
