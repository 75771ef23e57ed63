package com.solarprime.integration.kommo.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KommoWebhookParserTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";

    private final KommoWebhookParser parser = new KommoWebhookParser();

    @Test
    void theDocumentedStatusChange() {
        KommoDelivery delivery = parser.parse(fixture("status-change.form"), FORM);

        assertThat(delivery.account()).isEqualTo(new KommoDelivery.Account(29085955L, "solarprime"));
        assertThat(delivery.events()).singleElement().satisfies(event -> {
            assertThat(event.entity()).isEqualTo("leads");
            assertThat(event.action()).isEqualTo("status");
            assertThat(event.index()).isZero();
            assertThat(event.fields()).containsExactly(Map.entry("id", "25399013"), Map.entry("status_id", "142"),
                    Map.entry("pipeline_id", "3104455"), Map.entry("old_status_id", "31788754"),
                    Map.entry("old_pipeline_id", "3104455"));
        });
        assertThat(delivery.statusChanges())
                .containsExactly(new StatusChange(25399013L, 142L, 3104455L, 31788754L, 3104455L, null, null));
        assertThat(delivery.unrecognised()).isEmpty();
        assertThat(delivery.dedupeKey()).matches("[0-9a-f]{64}");
    }

    @Test
    void twoLeadsInOneDelivery() {
        KommoDelivery delivery = parser.parse(fixture("two-leads.form"), FORM + "; charset=UTF-8");

        assertThat(delivery.statusChanges()).containsExactly(
                new StatusChange(25399013L, 31788756L, 3104455L, 31788755L, 3104455L, 1767348000L, 8123456L),
                new StatusChange(25399014L, 143L, 3104455L, 31788757L, 3104455L, 1767348060L, 8123456L));
        assertThat(delivery.events()).extracting(KommoEvent::index).containsExactly(0, 1);
        assertThat(delivery.events().get(1).field("name")).contains("João Ávila");
    }

    @Test
    void addAndStatusInOneDelivery() {
        KommoDelivery delivery = parser.parse(fixture("add-and-status.form"), FORM);

        assertThat(delivery.events()).extracting(KommoEvent::entity, KommoEvent::action)
                .containsExactly(tuple("leads", "add"),
                        tuple("leads", "status"));
        KommoEvent added = delivery.events().get(0);
        assertThat(added.entityId()).contains(25399020L);
        assertThat(added.field("name")).contains("Lead criado no Kommo");
        assertThat(added.statusChange()).as("an add is not a status change").isEmpty();
        assertThat(delivery.statusChanges()).singleElement()
                .isEqualTo(new StatusChange(25399020L, 31788754L, 3104455L, 31788753L, 3104455L, 1767351660L, 8123456L));
    }

    @Test
    void updateWithCustomFields() {
        KommoEvent update = parser.parse(fixture("update-custom-fields.form"), FORM).events().get(0);

        assertThat(update.action()).isEqualTo("update");
        assertThat(update.longField("updated_at")).contains(1767355200L);
        assertThat(update.fields()).doesNotContainKey("custom_fields");
        assertThat(update.customFields()).containsExactly(
                new KommoCustomField("700101", "Score de Qualificação", null, List.of("85")),
                new KommoCustomField("700102", "Data/Hora Reunião", null, List.of("1767711600")),
                new KommoCustomField("700103", "Tipo de Solução", null, List.of("Usina própria")));
        assertThat(update.customField(700102L)).map(KommoCustomField::value).contains("1767711600");
        assertThat(update.value("custom_fields", "2", "values", "0", "enum")).contains("900201");
        assertThat(update.customField(1L)).isEmpty();
    }

    @Test
    void delete() {
        KommoDelivery delivery = parser.parse(fixture("delete.form"), FORM);

        assertThat(delivery.events()).singleElement().satisfies(event -> {
            assertThat(event.entity()).isEqualTo("leads");
            assertThat(event.action()).isEqualTo("delete");
            assertThat(event.entityId()).contains(25399013L);
        });
        assertThat(delivery.statusChanges()).isEmpty();
    }

    @Test
    void responsible() {
        KommoEvent event = parser.parse(fixture("responsible.form"), FORM).events().get(0);

        assertThat(event.action()).isEqualTo("responsible");
        assertThat(event.longField("responsible_user_id")).contains(8123999L);
        assertThat(event.longField("old_responsible_user_id")).contains(8123456L);
    }

    @Test
    void taskAdd() {
        KommoEvent task = parser.parse(fixture("task-add.form"), FORM).events().get(0);

        assertThat(task.entity()).isEqualTo("tasks");
        assertThat(task.action()).isEqualTo("add");
        assertThat(task.longField("element_id")).contains(25399013L);
        assertThat(task.field("text")).contains("Reunião na casa do cliente");
        assertThat(task.longField("complete_till")).contains(1767711600L);
    }

    @Test
    void aNoteKeepsItsNestedValuesDecoded() {
        KommoEvent note = parser.parse(fixture("note.form"), FORM).events().get(0);

        assertThat(note.action()).isEqualTo("note");
        assertThat(note.fields()).isEmpty();
        assertThat(note.value("note", "text")).contains("Cliente pediu retorno às 14h & confirmou +1 interessado");
        assertThat(note.value("note", "element_id")).contains("25399013");
        assertThat(note.value("note")).as("a map is not a value").isEmpty();
    }

    @Test
    void theJsonVariantReadsLikeTheForm() {
        KommoDelivery json = parser.parse(fixture("status-change.json"), JSON);
        KommoDelivery form = parser.parse(fixture("status-change.form"), FORM);

        assertThat(json.statusChanges()).isEqualTo(form.statusChanges());
        assertThat(json.account()).isEqualTo(form.account());
        assertThat(json.dedupeKey()).as("same content, same key, whatever the format").isEqualTo(form.dedupeKey());
    }

    @Test
    void jsonIsRecognisedWithoutItsContentType() {
        assertThat(parser.parse(fixture("status-change.json"), null).statusChanges()).hasSize(1);
        assertThat(parser.parse(fixture("status-change.json"), FORM).statusChanges()).hasSize(1);
    }

    @Test
    void updatedAtFallsBackToLastModified() {
        KommoDelivery delivery = parser.parse(
                "leads[status][0][id]=1&leads[status][0][status_id]=2&leads[status][0][last_modified]=1767348000", FORM);

        assertThat(delivery.statusChanges()).singleElement()
                .extracting(StatusChange::updatedAt).isEqualTo(1767348000L);
        assertThat(delivery.account()).isEqualTo(new KommoDelivery.Account(null, null));
    }

    @Test
    void aStatusEventWithoutNumericIdsIsNoStatusChange() {
        KommoDelivery delivery = parser.parse("leads[status][0][id]=abc&leads[status][0][status_id]=142", FORM);

        assertThat(delivery.events()).hasSize(1);
        assertThat(delivery.statusChanges()).isEmpty();
    }

    @Test
    void unknownEntitiesAreEventsAndOddShapesAreReported() {
        KommoDelivery delivery = parser.parse(
                "unsorted[add][0][uid]=abc&leads[status][0]=1&talk=x&leads[]=y&account[id]=29085955", FORM);

        assertThat(delivery.events()).singleElement().satisfies(event -> {
            assertThat(event.entity()).isEqualTo("unsorted");
            assertThat(event.field("uid")).contains("abc");
        });
        assertThat(delivery.unrecognised()).containsExactly("leads[status][0]", "leads[1]", "talk");
    }

    @Test
    void phpStyleAppendAndLastValueWins() {
        KommoDelivery delivery = parser.parse(
                "leads[add][][id]=1&leads[add][][id]=2&leads[add][1][name]=b&leads[add][1][name]=c", FORM);

        assertThat(delivery.events()).extracting(event -> event.field("id").orElseThrow()).containsExactly("1", "2");
        assertThat(delivery.events().get(1).field("name")).contains("c");
    }

    @Test
    void retriedDeliveriesShareTheirDedupeKeyAndOthersDoNot() {
        String body = fixture("two-leads.form");
        String reordered = String.join("&", reversed(body.strip().split("&")));
        String rawBrackets = body.replace("%5B", "[").replace("%5D", "]");

        String key = parser.parse(body, FORM).dedupeKey();

        assertThat(parser.parse(body, FORM).dedupeKey()).isEqualTo(key);
        assertThat(parser.parse(reordered, FORM).dedupeKey()).isEqualTo(key);
        assertThat(parser.parse(rawBrackets, FORM).dedupeKey()).isEqualTo(key);
        assertThat(parser.parse(body.replace("1767348060", "1767348061"), FORM).dedupeKey()).isNotEqualTo(key);
        assertThat(parser.parse(fixture("status-change.form"), FORM).dedupeKey()).isNotEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage.txt"})
    void aBodyThatIsNeitherFormNorJsonIsRefused(String name) {
        assertThatThrownBy(() -> parser.parse(fixture(name), "text/html"))
                .isInstanceOf(InvalidDeliveryException.class)
                .extracting(e -> ((InvalidDeliveryException) e).reason()).isEqualTo("neither form-encoded nor JSON");
    }

    @ParameterizedTest(name = "[{0}] as {1} → {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "''                           | null                              | empty body",
            "'   '                        | application/x-www-form-urlencoded | empty body",
            "this is not a webhook        | null                              | neither form-encoded nor JSON",
            "leads[status][0][id]         | application/x-www-form-urlencoded | neither form-encoded nor JSON",
            "leads[status=1               | application/x-www-form-urlencoded | neither form-encoded nor JSON",
            "leads%5Bstatus%5D=%G1        | application/x-www-form-urlencoded | neither form-encoded nor JSON",
            "a=1 b=2                      | application/x-www-form-urlencoded | neither form-encoded nor JSON",
            "&&&                          | application/x-www-form-urlencoded | neither form-encoded nor JSON",
            "{\"leads\":                  | null                              | neither form-encoded nor JSON",
            "{\"leads\": {}} trailing     | application/json                  | invalid JSON",
            "not json                     | application/json                  | invalid JSON",
            "[1, 2]                       | application/json                  | JSON body is not an object"
    })
    void refusals(String body, String contentType, String reason) {
        assertThatThrownBy(() -> parser.parse(body, contentType))
                .isInstanceOf(InvalidDeliveryException.class)
                .hasMessage(reason);
    }

    @Test
    void aNullBodyIsEmpty() {
        assertThatThrownBy(() -> parser.parse(null, FORM)).hasMessage("empty body");
    }

    private static String[] reversed(String[] parts) {
        String[] out = new String[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = parts[parts.length - 1 - i];
        }
        return out;
    }

    static String fixture(String name) {
        try (InputStream in = KommoWebhookParserTest.class.getResourceAsStream("/kommo-webhooks/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
