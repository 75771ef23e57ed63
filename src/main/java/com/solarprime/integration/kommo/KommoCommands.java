package com.solarprime.integration.kommo;

import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** The operator commands, shared by the command line and {@code POST /ops/kommo/{command}}. */
@Component("kommoCommands")
public class KommoCommands {

    private final Map<String, Supplier<CommandReport>> commands;
    private final LocalAutoConnect autoConnect;

    public KommoCommands(Provisioner provisioner, IntegrationValidator validator, WebhookRegistrar registrar,
                         LocalAutoConnect autoConnect) {
        this.autoConnect = autoConnect;
        this.commands = Map.of(
                "provision", provisioner::provision,
                "validate", validator::validate,
                "register-webhooks", registrar::register);
    }

    public static boolean isCommand(String name) {
        return "provision".equals(name) || "validate".equals(name) || "register-webhooks".equals(name);
    }

    public CommandReport run(String name) {
        Supplier<CommandReport> command = commands.get(name);
        if (command == null) {
            throw new IllegalArgumentException("unknown command '" + name + "'; known: " + commands.keySet());
        }
        autoConnect.connectIfLocal();
        return command.get();
    }
}
