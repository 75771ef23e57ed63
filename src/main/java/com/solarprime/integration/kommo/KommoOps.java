package com.solarprime.integration.kommo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** {@code POST /ops/kommo/{command}}: the operator commands over HTTP, answered as JSON. */
@Component("kommoOps")
public class KommoOps {

    private final KommoCommands commands;
    private final KommoGatewayState gatewayState;
    private final ObjectMapper json;

    public KommoOps(KommoCommands commands, KommoGatewayState gatewayState, ObjectMapper json) {
        this.commands = commands;
        this.gatewayState = gatewayState;
        this.json = json;
    }

    public void run(Exchange exchange) throws JsonProcessingException {
        String command = exchange.getProperty("command", String.class);
        CommandReport report;
        int status;
        if ("unblock".equals(command)) {
            gatewayState.clear();
            report = new CommandReport("unblock", true, List.of("✅ Kommo block cleared; calls resume"));
            status = 200;
        } else if (KommoCommands.isCommand(command)) {
            report = commands.run(command);
            status = report.ok() ? 200 : 502;
        } else {
            report = new CommandReport(String.valueOf(command), false,
                    List.of("unknown command; use provision, validate, register-webhooks or unblock"));
            status = 404;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("command", report.command());
        body.put("ok", report.ok());
        body.put("lines", report.lines());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json.writeValueAsString(body));
    }
}
