package com.solarprime.integration.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The entities of Kommo API v4 as the sandbox serves them: shapes, filters, paging, validation. */
@IntegrationTest
class SandboxCrmContractTest {

    @LocalServerPort
    int port;

    SandboxApi api;
    String marker;

    @BeforeEach
    void setUp() {
        api = SandboxApi.withFreshToken(new Http(port));
        marker = "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Test
    void accountAndUsersDescribeTheEmulatedAccount() {
        JsonNode account = SandboxApi.ok(api.get("account"));
        assertThat(account.get("name").asText()).isEqualTo("SolarPrime (sandbox)");
        assertThat(account.get("_links").get("self").get("href").asText())
                .isEqualTo("http://localhost:" + port + "/sandbox/kommo/api/v4/account");

        JsonNode users = SandboxApi.ok(api.get("users")).get("_embedded").get("users");
        assertThat(users).hasSize(3);
        users.forEach(u -> assertThat(u.get("email").asText()).contains("@"));
    }

    @Test
    void theMainPipelineHasIncomingWonAndLostStages() {
        JsonNode pipelines = SandboxApi.ok(api.get("leads/pipelines")).get("_embedded").get("pipelines");
        JsonNode main = first(pipelines, p -> p.get("is_main").asBoolean());
        JsonNode statuses = main.get("_embedded").get("statuses");

        JsonNode incoming = first(statuses, s -> s.get("type").asInt() == 1);
        assertThat(incoming.get("sort").asInt()).isEqualTo(10);
        assertThat(ids(statuses)).contains(142L, 143L);
        assertThat(first(statuses, s -> s.get("id").asLong() == 142).get("name").asText()).isEqualTo("Closed - won");
    }

    @Test
    void pipelinesAndStagesCanBeCreatedWithKommosPalette() {
        ArrayNode body = SandboxApi.array();
        ObjectNode pipeline = body.addObject().put("name", "P " + marker).put("sort", 20);
        ArrayNode statuses = pipeline.putObject("_embedded").putArray("statuses");
        statuses.addObject().put("name", "Novo " + marker).put("sort", 20).put("color", "#fffeb2");
        statuses.addObject().put("id", 142).put("name", "Ganho");

        JsonNode created = SandboxApi.ok(api.post("leads/pipelines", body)).get("_embedded").get("pipelines").get(0);
        long pipelineId = created.get("id").asLong();
        JsonNode stages = created.get("_embedded").get("statuses");
        assertThat(stages).hasSize(4);
        assertThat(first(stages, s -> s.get("type").asInt() == 1).get("sort").asInt()).isEqualTo(10);
        assertThat(first(stages, s -> s.get("id").asLong() == 142).get("name").asText()).isEqualTo("Ganho");
        assertThat(ids(stages)).contains(143L);

        JsonNode added = SandboxApi.ok(api.post("leads/pipelines/" + pipelineId + "/statuses",
                "[{\"name\":\"Proposta\",\"sort\":30,\"color\":\"#87f2c0\"}]"));
        assertThat(added.get("_embedded").get("statuses").get(0).get("pipeline_id").asLong()).isEqualTo(pipelineId);
        JsonNode reread = SandboxApi.ok(api.get("leads/pipelines/" + pipelineId));
        assertThat(reread.get("_embedded").get("statuses")).hasSize(5);

        HttpResponse<String> badColor = api.post("leads/pipelines/" + pipelineId + "/statuses",
                "[{\"name\":\"X\",\"color\":\"#99ccff\"}]");
        assertThat(badColor.statusCode()).isEqualTo(400);
        assertThat(errorPaths(badColor)).contains("color");
    }

    @Test
    void customFieldsAreListedWithTheirOptions() {
        JsonNode select = createSelectField();
        assertThat(select.get("enums")).hasSize(2);

        JsonNode listed = SandboxApi.ok(api.get("leads/custom_fields?limit=250"));
        assertThat(ids(listed.get("_embedded").get("custom_fields"))).contains(select.get("id").asLong());
        assertThat(listed.get("_total_items").asInt()).isPositive();

        long fieldId = select.get("id").asLong();
        long kept = select.get("enums").get(0).get("id").asLong();
        JsonNode patched = SandboxApi.ok(api.patch("leads/custom_fields", "[{\"id\":" + fieldId + ",\"enums\":[{\"id\":" + kept
                + ",\"value\":\"WhatsApp\",\"sort\":10},{\"value\":\"Instagram\",\"sort\":30}]}]"))
                .get("_embedded").get("custom_fields").get(0);
        assertThat(ids(patched.get("enums"))).hasSize(2).contains(kept);
        assertThat(texts(patched.get("enums"), "value")).containsExactly("WhatsApp", "Instagram");

        JsonNode contactFields = SandboxApi.ok(api.get("contacts/custom_fields")).get("_embedded").get("custom_fields");
        JsonNode phone = first(contactFields, f -> "PHONE".equals(f.get("code").asText()));
        assertThat(phone.get("type").asText()).isEqualTo("multitext");
    }

    @Test
    void aLeadIsCreatedInTheFirstWorkingStageAndReadBack() {
        long id = createLeads(1, "L").get(0);

        JsonNode lead = SandboxApi.ok(api.get("leads/" + id));
        JsonNode main = mainPipeline();
        JsonNode firstWorking = main.get("_embedded").get("statuses").get(1);
        assertThat(lead.get("status_id").asLong()).isEqualTo(firstWorking.get("id").asLong());
        assertThat(lead.get("pipeline_id").asLong()).isEqualTo(main.get("id").asLong());
        assertThat(lead.get("price").asLong()).isEqualTo(1500);
        assertThat(lead.get("created_at").asLong()).isCloseTo(Instant.now().getEpochSecond(), offset(5L));
        assertThat(lead.get("closed_at").isNull()).isTrue();
        assertThat(lead.has("custom_fields_values")).isTrue();
        assertThat(lead.get("_embedded").has("contacts")).isFalse();

        assertThat(api.get("leads/999999999").statusCode()).isEqualTo(204);
    }

    @Test
    void complexCreatesFiftyLeadsWithContactsAndThreeTagsAndRefusesFiftyOne() {
        ArrayNode body = SandboxApi.array();
        for (int i = 0; i < 50; i++) {
            ObjectNode lead = body.addObject().put("name", marker + " complex " + i).put("price", 100 + i)
                    .put("request_id", "r" + i);
            ObjectNode embedded = lead.putObject("_embedded");
            ArrayNode tags = embedded.putArray("tags");
            tags.addObject().put("name", "WhatsApp " + marker);
            tags.addObject().put("name", "Lead Quente");
            tags.addObject().put("name", "Teste");
            ObjectNode contact = embedded.putArray("contacts").addObject().put("first_name", "Pessoa " + i)
                    .put("last_name", marker);
            ArrayNode values = contact.putArray("custom_fields_values");
            values.addObject().put("field_code", "PHONE").putArray("values").addObject()
                    .put("value", "+55 81 9" + String.format("%08d", i)).put("enum_code", "WORK");
            values.addObject().put("field_code", "EMAIL").putArray("values").addObject()
                    .put("value", "p" + i + "@example.com").put("enum_code", "WORK");
        }

        JsonNode result = SandboxApi.ok(api.post("leads/complex", body));

        assertThat(result.isArray()).isTrue();
        assertThat(result).hasSize(50);
        List<Long> leadIds = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            JsonNode line = result.get(i);
            assertThat(line.get("request_id").get(0).asText()).isEqualTo("r" + i);
            assertThat(line.get("merged").asBoolean()).isFalse();
            assertThat(line.get("contact_id").asLong()).isPositive();
            assertThat(line.get("company_id").isNull()).isTrue();
            leadIds.add(line.get("id").asLong());
        }
        JsonNode leads = SandboxApi.ok(api.get("leads?with=contacts&limit=250&query=" + marker)).get("_embedded").get("leads");
        assertThat(leads).hasSize(50);
        leads.forEach(lead -> {
            assertThat(lead.get("_embedded").get("tags")).hasSize(3);
            assertThat(lead.get("_embedded").get("contacts")).hasSize(1);
            assertThat(lead.get("_embedded").get("contacts").get(0).get("is_main").asBoolean()).isTrue();
        });
        JsonNode contact = SandboxApi.ok(api.get("contacts/" + result.get(7).get("contact_id").asLong()));
        JsonNode phone = first(contact.get("custom_fields_values"), f -> "PHONE".equals(f.get("field_code").asText()));
        assertThat(phone.get("values").get(0).get("enum_code").asText()).isEqualTo("WORK");
        assertThat(contact.get("name").asText()).isEqualTo("Pessoa 7 " + marker);

        body.add(body.get(0).deepCopy());
        HttpResponse<String> tooMany = api.post("leads/complex", body);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(SandboxApi.json(tooMany).get("validation-errors")).isNotEmpty();
    }

    @Test
    void patchReplacesTheWholeTagSetAndNullClearsIt() {
        long id = SandboxApi.ok(api.post("leads", "[{\"name\":\"" + marker + "\",\"_embedded\":{\"tags\":[{\"name\":\"a\"},{\"name\":\"b\"}]}}]"))
                .get("_embedded").get("leads").get(0).get("id").asLong();

        SandboxApi.ok(api.patch("leads/" + id, "{\"_embedded\":{\"tags\":[{\"name\":\"c\"}]}}"));
        assertThat(tagNames(id)).containsExactly("c");

        SandboxApi.ok(api.patch("leads", "[{\"id\":" + id + ",\"price\":7}]"));
        assertThat(tagNames(id)).containsExactly("c");

        SandboxApi.ok(api.patch("leads/" + id, "{\"tags_to_add\":[{\"name\":\"d\"}]}"));
        assertThat(tagNames(id)).containsExactlyInAnyOrder("c", "d");

        SandboxApi.ok(api.patch("leads/" + id, "{\"_embedded\":{\"tags\":null}}"));
        assertThat(tagNames(id)).isEmpty();
    }

    @Test
    void movingToWonSetsClosedAtAndBatchPatchAnswersPerRequestId() {
        List<Long> ids = createLeads(2, "W");

        JsonNode answer = SandboxApi.ok(api.patch("leads", "[{\"id\":" + ids.get(0) + ",\"status_id\":142,\"request_id\":\"x\"},"
                + "{\"id\":" + ids.get(1) + ",\"name\":\"renamed\"}]"));

        JsonNode lines = answer.get("_embedded").get("leads");
        assertThat(lines.get(0).get("request_id").asText()).isEqualTo("x");
        assertThat(lines.get(0).get("updated_at").asLong()).isPositive();
        JsonNode won = SandboxApi.ok(api.get("leads/" + ids.get(0)));
        assertThat(won.get("status_id").asLong()).isEqualTo(142);
        assertThat(won.get("closed_at").asLong()).isCloseTo(Instant.now().getEpochSecond(), offset(5L));
        assertThat(SandboxApi.ok(api.get("leads/" + ids.get(1))).get("name").asText()).isEqualTo("renamed");
    }

    @Test
    void customFieldValuesAreValidatedAgainstTheirFields() {
        JsonNode select = createSelectField();
        long fieldId = select.get("id").asLong();
        long enumId = select.get("enums").get(0).get("id").asLong();
        long numericId = SandboxApi.ok(api.post("leads/custom_fields", "[{\"name\":\"Conta " + marker + "\",\"type\":\"numeric\"}]"))
                .get("_embedded").get("custom_fields").get(0).get("id").asLong();

        JsonNode ok = SandboxApi.ok(api.post("leads", "[{\"name\":\"cf\",\"custom_fields_values\":[{\"field_id\":" + fieldId
                + ",\"values\":[{\"enum_id\":" + enumId + "}]},{\"field_id\":" + numericId + ",\"values\":[{\"value\":\"350.5\"}]}]}]"));
        JsonNode lead = SandboxApi.ok(api.get("leads/" + ok.get("_embedded").get("leads").get(0).get("id").asLong()));
        JsonNode selectValue = first(lead.get("custom_fields_values"), f -> f.get("field_id").asLong() == fieldId);
        assertThat(selectValue.get("field_type").asText()).isEqualTo("select");
        assertThat(selectValue.get("values").get(0).get("value").asText()).isEqualTo("WhatsApp");

        HttpResponse<String> enumCode = api.post("leads", "[{\"custom_fields_values\":[{\"field_id\":" + fieldId
                + ",\"values\":[{\"value\":\"WhatsApp\",\"enum_code\":\"WHATSAPP\"}]}]}]");
        assertValidation(enumCode, "custom_fields_values.0.values.0.enum_code", "NotSupportedChoice");

        HttpResponse<String> unknownField = api.post("leads", "[{\"custom_fields_values\":[{\"field_id\":1,\"values\":[{\"value\":\"x\"}]}]}]");
        assertValidation(unknownField, "custom_fields_values.0.field_id", "NotSupportedChoice");

        HttpResponse<String> notNumeric = api.post("leads", "[{\"custom_fields_values\":[{\"field_id\":" + numericId
                + ",\"values\":[{\"value\":\"muito\"}]}]}]");
        assertValidation(notNumeric, "custom_fields_values.0.values.0.value", "InvalidType");
    }

    @Test
    void unknownFieldsWrongTypesAndOversizedBatchesAreRefused() {
        assertValidation(api.post("leads", "[{\"name\":\"x\",\"sale\":100}]"), "sale", "FieldNotExpected");
        assertValidation(api.post("leads", "[{\"name\":\"x\",\"price\":\"100\"}]"), "price", "InvalidType");

        ArrayNode tooMany = SandboxApi.array();
        for (int i = 0; i < 251; i++) {
            tooMany.addObject().put("name", "n" + i);
        }
        HttpResponse<String> response = api.post("leads", tooMany);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = SandboxApi.json(response);
        assertThat(body.get("title").asText()).isEqualTo("Bad Request");
        assertThat(body.get("type").asText()).isEqualTo("https://httpstatus.es/400");
        assertThat(body.get("validation-errors").get(0).get("request_id").asText()).isEqualTo("0");

        assertThat(api.get("leads?limit=251").statusCode()).isEqualTo(400);
    }

    @Test
    void listsPageWithLinksNextUntilTheLastPage() {
        createLeads(5, "page");
        String url = "http://localhost:" + port + SandboxApi.API + "/leads?limit=2&query=" + marker;
        Set<Long> seen = new HashSet<>();
        int pages = 0;
        while (url != null) {
            HttpResponse<String> response = api.getUrl(url);
            JsonNode page = SandboxApi.ok(response);
            pages++;
            assertThat(page.get("_page").asInt()).isEqualTo(pages);
            assertThat(page.get("_links").get("self").get("href").asText()).startsWith("http://localhost:" + port);
            page.get("_embedded").get("leads").forEach(l -> seen.add(l.get("id").asLong()));
            url = page.get("_links").has("next") ? page.get("_links").get("next").get("href").asText() : null;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(5);
    }

    @Test
    void emptyListsAndSearchMissesAnswer204WithNoBody() {
        long id = createLeads(1, "empty").get(0);

        HttpResponse<String> miss = api.get("leads?query=" + marker + "nothing");
        HttpResponse<String> noNotes = api.get("leads/" + id + "/notes");
        HttpResponse<String> noContact = api.get("contacts?query=" + SandboxApi.encode("+1 555 000 0000"));

        for (HttpResponse<String> response : List.of(miss, noNotes, noContact)) {
            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(response.body()).isEmpty();
        }
    }

    @Test
    void leadFiltersSelectByStageAndDates() {
        List<Long> ids = createLeads(3, "f");
        SandboxApi.ok(api.patch("leads/" + ids.get(0), "{\"status_id\":143}"));
        long pipelineId = mainPipeline().get("id").asLong();

        JsonNode lost = SandboxApi.ok(api.get("leads?query=" + marker + "&filter[statuses][0][pipeline_id]=" + pipelineId
                + "&filter[statuses][0][status_id]=143"));
        assertThat(ids(lost.get("_embedded").get("leads"))).containsExactly(ids.get(0));

        long now = Instant.now().getEpochSecond();
        JsonNode recent = SandboxApi.ok(api.get("leads?query=" + marker + "&filter[created_at][from]=" + (now - 60)
                + "&filter[created_at][to]=" + (now + 60)));
        assertThat(recent.get("_embedded").get("leads")).hasSize(3);
        assertThat(api.get("leads?query=" + marker + "&filter[created_at][to]=" + (now - 3600)).statusCode()).isEqualTo(204);

        JsonNode closed = SandboxApi.ok(api.get("leads?query=" + marker + "&filter[closed_at][from]=" + (now - 60)));
        assertThat(ids(closed.get("_embedded").get("leads"))).containsExactly(ids.get(0));

        JsonNode byId = SandboxApi.ok(api.get("leads?filter[id][]=" + ids.get(1) + "&filter[id][]=" + ids.get(2)));
        assertThat(ids(byId.get("_embedded").get("leads"))).containsExactlyInAnyOrder(ids.get(1), ids.get(2));

        JsonNode updated = SandboxApi.ok(api.get("leads?query=" + marker + "&filter[updated_at][from]=" + (now - 60)));
        assertThat(updated.get("_embedded").get("leads")).hasSize(3);
    }

    @Test
    void contactsAreFoundByPhoneInAnyFormatAndLinkedToLeads() {
        String digits = String.valueOf(100000000L + Math.abs(marker.hashCode() % 800000000L));
        long contactId = SandboxApi.ok(api.post("contacts", "[{\"name\":\"Maria " + marker + "\",\"custom_fields_values\":"
                        + "[{\"field_code\":\"PHONE\",\"values\":[{\"value\":\"+55 81 " + digits + "\",\"enum_code\":\"MOB\"}]}]}]"))
                .get("_embedded").get("contacts").get(0).get("id").asLong();

        for (String query : List.of("5581" + digits, "81" + digits, "+55 (81) " + digits)) {
            JsonNode found = SandboxApi.ok(api.get("contacts?query=" + SandboxApi.encode(query)));
            assertThat(ids(found.get("_embedded").get("contacts"))).as(query).containsExactly(contactId);
        }
        JsonNode byName = SandboxApi.ok(api.get("contacts?query=maria%20" + marker));
        assertThat(ids(byName.get("_embedded").get("contacts"))).containsExactly(contactId);

        long leadId = createLeads(1, "link").get(0);
        JsonNode linked = SandboxApi.ok(api.post("leads/" + leadId + "/link", "[{\"to_entity_id\":" + contactId
                + ",\"to_entity_type\":\"contacts\",\"metadata\":{\"main_contact\":true}}]"));
        assertThat(linked.get("_embedded").get("links").get(0).get("to_entity_id").asLong()).isEqualTo(contactId);

        JsonNode lead = SandboxApi.ok(api.get("leads/" + leadId + "?with=contacts"));
        JsonNode contacts = lead.get("_embedded").get("contacts");
        assertThat(contacts).hasSize(1);
        assertThat(contacts.get(0).get("id").asLong()).isEqualTo(contactId);
        assertThat(contacts.get(0).get("is_main").asBoolean()).isTrue();
    }

    @Test
    void eventsRecordLeadAddedAndStatusChangesWithFilters() {
        long from = Instant.now().getEpochSecond() - 1;
        long id = createLeads(1, "ev").get(0);
        long pipelineId = mainPipeline().get("id").asLong();
        long before = SandboxApi.ok(api.get("leads/" + id)).get("status_id").asLong();
        SandboxApi.ok(api.patch("leads/" + id, "{\"status_id\":142}"));

        JsonNode events = SandboxApi.ok(api.get("events?filter[entity]=lead&filter[entity_id]=" + id
                + "&filter[type]=lead_added,lead_status_changed&filter[created_at][from]=" + from + "&limit=250"))
                .get("_embedded").get("events");
        assertThat(events).hasSize(2);
        JsonNode added = first(events, e -> "lead_added".equals(e.get("type").asText()));
        assertThat(added.get("id").isTextual()).isTrue();
        assertThat(added.get("entity_type").asText()).isEqualTo("lead");
        JsonNode changed = first(events, e -> "lead_status_changed".equals(e.get("type").asText()));
        assertThat(changed.get("value_before").get(0).get("lead_status").get("id").asLong()).isEqualTo(before);
        assertThat(changed.get("value_after").get(0).get("lead_status").get("id").asLong()).isEqualTo(142);
        assertThat(changed.get("value_after").get(0).get("lead_status").get("pipeline_id").asLong()).isEqualTo(pipelineId);
        assertThat(changed.get("created_by").asLong()).isPositive();

        JsonNode onlyChanges = SandboxApi.ok(api.get("events?filter[type][]=lead_status_changed&filter[entity_id]=" + id))
                .get("_embedded").get("events");
        assertThat(onlyChanges).hasSize(1);
        assertThat(api.get("events?filter[type]=lead_status_changed&filter[entity_id]=" + id
                + "&filter[created_at][to]=" + (from - 10)).statusCode()).isEqualTo(204);
    }

    @Test
    void notesAreWrittenPerLeadAndFilteredByEntity() {
        List<Long> ids = createLeads(2, "notes");
        SandboxApi.ok(api.post("leads/notes", "[{\"entity_id\":" + ids.get(0) + ",\"note_type\":\"common\",\"params\":{\"text\":\"um\"}},"
                + "{\"entity_id\":" + ids.get(1) + ",\"note_type\":\"common\",\"params\":{\"text\":\"dois\"}}]"));
        JsonNode single = SandboxApi.ok(api.post("leads/" + ids.get(0) + "/notes",
                "[{\"note_type\":\"common\",\"params\":{\"text\":\"tres\"}}]"));
        assertThat(single.get("_embedded").get("notes").get(0).get("entity_id").asLong()).isEqualTo(ids.get(0));

        JsonNode first = SandboxApi.ok(api.get("leads/notes?filter[entity_id]=" + ids.get(0))).get("_embedded").get("notes");
        assertThat(texts(first)).containsExactlyInAnyOrder("um", "tres");
        JsonNode second = SandboxApi.ok(api.get("leads/" + ids.get(1) + "/notes")).get("_embedded").get("notes");
        assertThat(texts(second)).containsExactly("dois");
        assertThat(second.get(0).get("note_type").asText()).isEqualTo("common");

        assertValidation(api.post("leads/notes", "[{\"entity_id\":" + ids.get(0) + ",\"note_type\":\"common\",\"params\":{}}]"),
                "params.text", "FieldMissing");
        assertThat(api.post("notes", "[{\"entity_id\":" + ids.get(0) + ",\"entity_type\":\"leads\"}]").statusCode())
                .isEqualTo(404);
    }

    @Test
    void tasksAreCreatedCompletedAndFiltered() {
        List<Long> ids = createLeads(2, "tasks");
        long till = Instant.now().getEpochSecond() + 3600;
        JsonNode created = SandboxApi.ok(api.post("tasks", "["
                + task(ids.get(0), 1, till, "ligar") + "," + task(ids.get(0), 2, till + 60, "reuniao") + ","
                + task(ids.get(1), 1, till, "outro") + "]"));
        long callId = created.get("_embedded").get("tasks").get(0).get("id").asLong();

        SandboxApi.ok(api.patch("tasks/" + callId, "{\"is_completed\":true,\"result\":{\"text\":\"feito\"}}"));

        String ofFirst = "tasks?filter[entity_type]=leads&filter[entity_id][]=" + ids.get(0);
        assertThat(SandboxApi.ok(api.get(ofFirst)).get("_embedded").get("tasks")).hasSize(2);
        JsonNode meetings = SandboxApi.ok(api.get(ofFirst + "&filter[task_type]=2")).get("_embedded").get("tasks");
        assertThat(texts(meetings, "text")).containsExactly("reuniao");
        JsonNode done = SandboxApi.ok(api.get(ofFirst + "&filter[is_completed]=1")).get("_embedded").get("tasks");
        assertThat(done).hasSize(1);
        assertThat(done.get(0).get("result").get("text").asText()).isEqualTo("feito");
        JsonNode open = SandboxApi.ok(api.get(ofFirst + "&filter[is_completed]=0")).get("_embedded").get("tasks");
        assertThat(texts(open, "text")).containsExactly("reuniao");
        long now = Instant.now().getEpochSecond();
        assertThat(SandboxApi.ok(api.get(ofFirst + "&filter[updated_at][from]=" + (now - 60))).get("_embedded").get("tasks"))
                .hasSize(2);
        assertThat(SandboxApi.ok(api.get(ofFirst + "&filter[complete_till][from]=" + (till + 30))).get("_embedded").get("tasks"))
                .hasSize(1);

        assertValidation(api.post("tasks", "[{\"text\":\"sem prazo\",\"entity_type\":\"leads\",\"entity_id\":" + ids.get(0) + "}]"),
                "complete_till", "FieldMissing");
        assertThat(SandboxApi.ok(api.get("leads/" + ids.get(0))).get("closest_task_at").asLong()).isEqualTo(till + 60);
    }

    private static String task(long leadId, int type, long till, String text) {
        return "{\"text\":\"" + text + "\",\"complete_till\":" + till + ",\"task_type_id\":" + type
                + ",\"entity_type\":\"leads\",\"entity_id\":" + leadId + "}";
    }

    private List<Long> createLeads(int count, String label) {
        ArrayNode body = SandboxApi.array();
        for (int i = 0; i < count; i++) {
            body.addObject().put("name", marker + " " + label + " " + i).put("price", 1500);
        }
        List<Long> ids = new ArrayList<>();
        SandboxApi.ok(api.post("leads", body)).get("_embedded").get("leads").forEach(l -> ids.add(l.get("id").asLong()));
        return ids;
    }

    private JsonNode createSelectField() {
        String body = "[{\"name\":\"Origem " + marker + "\",\"type\":\"select\",\"enums\":[{\"value\":\"WhatsApp\",\"sort\":1},"
                + "{\"value\":\"Website\",\"sort\":2}]}]";
        return SandboxApi.ok(api.post("leads/custom_fields", body)).get("_embedded").get("custom_fields").get(0);
    }

    private JsonNode mainPipeline() {
        return first(SandboxApi.ok(api.get("leads/pipelines")).get("_embedded").get("pipelines"),
                p -> p.get("is_main").asBoolean());
    }

    private List<String> tagNames(long leadId) {
        List<String> names = new ArrayList<>();
        SandboxApi.ok(api.get("leads/" + leadId)).get("_embedded").get("tags").forEach(t -> names.add(t.get("name").asText()));
        return names;
    }

    private static void assertValidation(HttpResponse<String> response, String path, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode errors = SandboxApi.json(response).get("validation-errors").get(0).get("errors");
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.get("path").asText()).isEqualTo(path);
            assertThat(e.get("code").asText()).isEqualTo(code);
            assertThat(e.get("detail").asText()).isNotBlank();
        });
    }

    private static List<String> errorPaths(HttpResponse<String> response) {
        List<String> paths = new ArrayList<>();
        SandboxApi.json(response).get("validation-errors").forEach(block ->
                block.get("errors").forEach(e -> paths.add(e.get("path").asText().replaceAll(".*\\.", ""))));
        return paths;
    }

    private static List<Long> ids(JsonNode items) {
        List<Long> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.get("id").asLong()));
        return ids;
    }

    private static List<String> texts(JsonNode notes) {
        List<String> texts = new ArrayList<>();
        notes.forEach(n -> texts.add(n.get("params").get("text").asText()));
        return texts;
    }

    private static List<String> texts(JsonNode items, String field) {
        List<String> texts = new ArrayList<>();
        items.forEach(n -> texts.add(n.get(field).asText()));
        return texts;
    }

    private static JsonNode first(JsonNode items, Predicate<JsonNode> match) {
        for (JsonNode item : items) {
            if (match.test(item)) {
                return item;
            }
        }
        throw new AssertionError("No match in " + items);
    }
}
