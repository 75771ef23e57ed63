package com.solarprime.integration.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.solarprime.integration.support.Http;
import com.solarprime.integration.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Webhooks as Kommo delivers them (form-encoded, retried, droppable) and the sandbox page that fires them. */
@IntegrationTest
class SandboxWebhookTest {

    private static final String ALL_LEAD_ACTIONS = "[\"add_lead\",\"update_lead\",\"status_lead\",\"delete_lead\","
            + "\"responsible_lead\",\"note_lead\",\"add_task\",\"update_task\"]";

    @LocalServerPort
    int port;

    Http http;
    SandboxApi api;
    WebhookReceiver receiver;
    String destination;

    @BeforeEach
    void setUp() throws Exception {
        http = new Http(port);
        api = SandboxApi.withFreshToken(http);
        receiver = new WebhookReceiver();
        destination = receiver.url("/webhooks/kommo/" + UUID.randomUUID());
        SandboxApi.ok(api.post("webhooks", "{\"destination\":\"" + destination + "\",\"settings\":" + ALL_LEAD_ACTIONS
                + ",\"sort\":10}"));
    }

    @AfterEach
    void tearDown() {
        api.delete("webhooks", "{\"destination\":\"" + destination + "\"}");
        admin("/webhooks/drop", "{\"drop\":false}");
        receiver.close();
    }

    @Test
    void webhooksAreRegisteredListedAndRemoved() {
        JsonNode listed = SandboxApi.ok(api.get("webhooks?filter[destination]=" + SandboxApi.encode(destination)))
                .get("_embedded").get("webhooks");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("sort").asInt()).isEqualTo(10);
        assertThat(listed.get(0).get("disabled").asBoolean()).isFalse();
        assertThat(listed.get(0).get("settings")).hasSize(8);

        HttpResponse<String> deleted = api.delete("webhooks", "{\"destination\":\"" + destination + "\"}");

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(api.get("webhooks?filter[destination]=" + SandboxApi.encode(destination)).statusCode()).isEqualTo(204);
        assertThat(api.post("webhooks", "{\"destination\":\"" + destination + "\",\"settings\":[\"no_such_action\"]}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void aStatusChangeIsDeliveredFormEncodedAsKommoDoes() {
        long id = createLead();
        long pipelineId = SandboxApi.ok(api.get("leads/" + id)).get("pipeline_id").asLong();
        long oldStatus = SandboxApi.ok(api.get("leads/" + id)).get("status_id").asLong();
        await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.with("leads[add][0][id]", id).isEmpty());

        SandboxApi.ok(api.patch("leads/" + id, "{\"status_id\":142}"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.with("leads[status][0][id]", id).isEmpty());
        WebhookReceiver.Delivery delivery = receiver.with("leads[status][0][id]", id).get(0);
        assertThat(delivery.contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(delivery.body()).contains("leads%5Bstatus%5D%5B0%5D%5Bid%5D=" + id);
        Map<String, String> form = delivery.form();
        assertThat(form).containsEntry("leads[status][0][status_id]", "142")
                .containsEntry("leads[status][0][pipeline_id]", String.valueOf(pipelineId))
                .containsEntry("leads[status][0][old_status_id]", String.valueOf(oldStatus))
                .containsEntry("leads[status][0][old_pipeline_id]", String.valueOf(pipelineId))
                .containsEntry("leads[update][0][id]", String.valueOf(id))
                .containsEntry("account[subdomain]", "solarprime")
                .containsEntry("account[id]", "31000001")
                .containsEntry("account[_links][self]", "https://solarprime.kommo.com")
                .containsKeys("leads[status][0][name]", "leads[status][0][responsible_user_id]",
                        "leads[status][0][last_modified]", "leads[status][0][created_at]", "leads[status][0][updated_at]");
        List<String> keys = List.copyOf(form.keySet());
        assertThat(keys.get(keys.size() - 1)).isEqualTo("account[_links][self]");
    }

    @Test
    void aDeliveryAnsweredWith500IsRetried() {
        receiver.answer(500);
        long id = createLead();

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.with("leads[add][0][id]", id).size() >= 2);
        List<WebhookReceiver.Delivery> attempts = receiver.with("leads[add][0][id]", id);
        assertThat(attempts.get(1).body()).isEqualTo(attempts.get(0).body());
    }

    @Test
    void theDropSwitchLosesDeliveriesUntilSwitchedBack() throws Exception {
        admin("/webhooks/drop", "{\"drop\":true}");
        long dropped = createLead();
        Thread.sleep(1000);
        assertThat(receiver.with("leads[add][0][id]", dropped)).isEmpty();
        JsonNode stats = SandboxApi.json(http.get(SandboxApi.ROOT + "/_admin/stats", "Authorization", Http.ADMIN_AUTH));
        assertThat(stats.get("webhooks").get("dropped").asLong()).isPositive();

        admin("/webhooks/drop", "{\"drop\":false}");
        long delivered = createLead();
        await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.with("leads[add][0][id]", delivered).isEmpty());
        assertThat(receiver.with("leads[add][0][id]", dropped)).isEmpty();
    }

    @Test
    void notesAndTasksAreDeliveredToo() {
        long id = createLead();
        SandboxApi.ok(api.post("leads/" + id + "/notes", "[{\"note_type\":\"common\",\"params\":{\"text\":\"ola\"}}]"));
        SandboxApi.ok(api.post("tasks", "[{\"text\":\"ligar\",\"complete_till\":" + (Instant.now().getEpochSecond() + 600)
                + ",\"entity_type\":\"leads\",\"entity_id\":" + id + "}]"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.with("leads[note][0][note][element_id]", id).isEmpty()
                && !receiver.with("tasks[add][0][element_id]", id).isEmpty());
        assertThat(receiver.with("leads[note][0][note][element_id]", id).get(0).form())
                .containsEntry("leads[note][0][note][text]", "ola");
        assertThat(receiver.with("tasks[add][0][element_id]", id).get(0).form())
                .containsEntry("tasks[add][0][text]", "ligar");
    }

    @Test
    void movingACardOnTheSandboxPageFiresTheStatusWebhookAndEvent() {
        long id = createLead();
        long pipelineId = SandboxApi.ok(api.get("leads/" + id)).get("pipeline_id").asLong();

        HttpResponse<String> moved = http.post(SandboxApi.ROOT + "/ui/leads/" + id + "/move", "application/json",
                "{\"pipeline_id\":" + pipelineId + ",\"status_id\":143}", Http.ADMIN_HEADERS);

        assertThat(moved.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.with("leads[status][0][id]", id).isEmpty());
        assertThat(receiver.with("leads[status][0][id]", id).get(0).form()).containsEntry("leads[status][0][status_id]", "143");
        JsonNode events = SandboxApi.ok(api.get("events?filter[type]=lead_status_changed&filter[entity_id]=" + id));
        assertThat(events.get("_embedded").get("events")).hasSize(1);
    }

    @Test
    void deletingOnTheSandboxPageFiresDeleteLead() {
        long id = createLead();

        HttpResponse<String> deleted = http.post(SandboxApi.ROOT + "/ui/leads/" + id + "/delete", "application/json", "{}",
                Http.ADMIN_HEADERS);

        assertThat(deleted.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.with("leads[delete][0][id]", id).isEmpty());
        assertThat(api.get("leads/" + id).statusCode()).isEqualTo(204);
    }

    @Test
    void theSandboxPageNeedsTheAdminAndShowsTheBoard() {
        long id = createLead();

        assertThat(http.get(SandboxApi.ROOT + "/ui").statusCode()).isEqualTo(401);
        HttpResponse<String> page = http.get(SandboxApi.ROOT + "/ui", "Authorization", Http.ADMIN_AUTH);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("Kommo sandbox");

        JsonNode board = SandboxApi.json(http.get(SandboxApi.ROOT + "/ui/board", "Authorization", Http.ADMIN_AUTH));
        assertThat(board.get("pipelines").toString()).contains("\"id\":" + id);
    }

    private long createLead() {
        return SandboxApi.ok(api.post("leads", "[{\"name\":\"hook " + UUID.randomUUID() + "\",\"_embedded\":{\"tags\":[{\"name\":\"t1\"}]}}]"))
                .get("_embedded").get("leads").get(0).get("id").asLong();
    }

    private void admin(String path, String json) {
        http.post(SandboxApi.ROOT + "/_admin" + path, "application/json", json, Http.ADMIN_HEADERS);
    }
}
