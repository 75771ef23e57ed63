package com.solarprime.integration.kommo;

import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** The operator commands, shared by the command line and {@code POST /ops/kommo/{command}}. */
@Component("kommoCommands")
public class KommoCommands {

    private final Map<String, Supplier<CommandReport>> commands;
    private final LocalAutoConnect autoConnect;
    private final AccountMap map;

    public KommoCommands(Provisioner provisioner, IntegrationValidator validator, WebhookRegistrar registrar,
                         LocalAutoConnect autoConnect, AccountMap map) {
        this.autoConnect = autoConnect;
        this.map = map;
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
        // An operator's command works on the account map as it is now, not on a copy a few seconds old.
        map.refresh();
        return command.get();
    }
}
