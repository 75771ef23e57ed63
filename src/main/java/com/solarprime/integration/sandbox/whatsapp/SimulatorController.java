package com.solarprime.integration.sandbox.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.solarprime.integration.qualification.QualificationStage;
import com.solarprime.integration.qualification.SolutionInterest;
import com.solarprime.integration.qualification.Timeline;
import com.solarprime.integration.sandbox.ConditionalOnSandbox;
import com.solarprime.integration.sandbox.SandboxPaths;
import com.solarprime.integration.shared.ClientError;
import com.solarprime.integration.shared.PhoneNumbers;
import com.solarprime.integration.whatsapp.OptOutProperties;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The WhatsApp simulator (sandbox mode, admin only): a chat in which a person writes as a lead, each message
 * delivered to this service as Evolution would deliver it, the service's answers shown in the same chat, with the
 * lead's Kommo sandbox card and the agent's qualification call beside it. State-changing calls take JSON only, so a
 * cross-site form cannot make them, and the admin chain's cross-site check applies on top. Every action is logged
 * with the admin who made it and the number masked.
 */
@Controller
@ConditionalOnSandbox
public class SimulatorController {

    public static final String PAGE = "/sandbox/whatsapp";
    /** The number the page starts with: a valid Recife mobile nobody is likely to own in a demo database. */
    static final String DEMO_PHONE = "5581999990001";
    private static final Logger log = LoggerFactory.getLogger(SimulatorController.class);

    private final EvolutionSimulator evolution;
    private final ChatHistory chats;
    private final LeadPanel panels;
    private final QualificationRelay qualification;
    private final OptOutProperties optOut;
    private final ObjectMapper json;

    SimulatorController(EvolutionSimulator evolution, ChatHistory chats, LeadPanel panels,
                        QualificationRelay qualification, OptOutProperties optOut, ObjectMapper json) {
        this.evolution = evolution;
        this.chats = chats;
        this.panels = panels;
        this.qualification = qualification;
        this.optOut = optOut;
        this.json = json;
    }

    @GetMapping(PAGE)
    public String page(Model model) {
        model.addAttribute("base", PAGE);
        model.addAttribute("sandboxPage", SandboxPaths.UI);
        model.addAttribute("demoPhone", DEMO_PHONE);
        model.addAttribute("optOutKeywords", optOut.keywords());
        model.addAttribute("resumeKeywords", optOut.resumeKeywords());
        model.addAttribute("solutionInterests", SolutionInterest.codes());
        model.addAttribute("timelines", Timeline.codes());
        model.addAttribute("qualificationStages", QualificationStage.codes());
        return "sandbox/whatsapp-simulator";
    }

    /** {@code {"phone", "name", "text"}}: one message typed as the lead, delivered through the Evolution webhook. */
    @PostMapping(value = PAGE + "/messages", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> send(@RequestBody String body, Principal admin) {
        JsonNode message = parse(body);
        String phone = BrazilianMobile.e164(message.path("phone").asText(null));
        EvolutionSimulator.Delivery delivery = evolution.send(phone, message.path("name").asText(null),
                message.path("text").asText(null));
        log.info("WhatsApp simulator: {} wrote as {} (message {}), the webhook answered {}", admin.getName(),
                PhoneNumbers.mask(phone), delivery.messageId(), delivery.webhookStatus());
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("id", delivery.messageId());
        reply.put("phone", phone);
        reply.put("webhook_status", delivery.webhookStatus());
        reply.put("webhook_answer", delivery.webhookAnswer());
        boolean accepted = delivery.webhookStatus() >= 200 && delivery.webhookStatus() < 300;
        return ResponseEntity.status(accepted ? HttpStatus.OK : HttpStatus.BAD_GATEWAY).body(reply);
    }

    @GetMapping(value = PAGE + "/conversations/{phone}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ChatHistory.Conversation> conversation(@PathVariable String phone) {
        return noStore(chats.of(BrazilianMobile.e164(phone)));
    }

    @GetMapping(value = PAGE + "/leads/{phone}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<LeadPanel.View> lead(@PathVariable String phone) {
        return noStore(panels.of(BrazilianMobile.e164(phone)));
    }

    /**
     * The form's fields and {@code phone}: the agent's qualification call for this number. Answers what the
     * qualification API answered, status included.
     */
    @PostMapping(value = PAGE + "/qualification", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> qualify(@RequestBody String body, Principal admin) {
        JsonNode form = parse(body);
        String phone = BrazilianMobile.e164(form.path("phone").asText(null));
        OwnService.Reply reply = qualification.qualify(phone, form);
        log.info("WhatsApp simulator: {} qualified {} as the agent, the API answered {}", admin.getName(),
                PhoneNumbers.mask(phone), reply.status());
        return ResponseEntity.status(reply.status()).contentType(MediaType.APPLICATION_JSON).body(reply.body());
    }

    @ExceptionHandler(ClientError.class)
    public ResponseEntity<Map<String, Object>> refused(ClientError error) {
        return problem(HttpStatus.valueOf(error.status()), error.getMessage());
    }

    @ExceptionHandler(OwnService.Unreachable.class)
    public ResponseEntity<Map<String, Object>> unreachable(OwnService.Unreachable error) {
        return problem(HttpStatus.BAD_GATEWAY, error.getMessage());
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node instanceof ObjectNode) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // Answered below like any other body that is not a JSON object.
        }
        throw new ClientError(400, "the body must be a JSON object");
    }

    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    private static ResponseEntity<Map<String, Object>> problem(HttpStatus status, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", status.name().toLowerCase());
        body.put("reason", reason);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
