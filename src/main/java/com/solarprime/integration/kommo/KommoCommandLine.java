package com.solarprime.integration.kommo;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar app.jar provision|validate|register-webhooks}: the service starts, does that one job,
 * prints a line per step and exits 0 only when every step passed.
 */
@Component
public class KommoCommandLine implements ApplicationRunner {

    private final KommoCommands commands;
    private final ConfigurableApplicationContext context;

    public KommoCommandLine(KommoCommands commands, ConfigurableApplicationContext context) {
        this.commands = commands;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (args.getNonOptionArgs().isEmpty() || !KommoCommands.isCommand(args.getNonOptionArgs().get(0))) {
            return;
        }
        CommandReport report = commands.run(args.getNonOptionArgs().get(0));
        report.lines().forEach(System.out::println);
        System.out.println(report.ok() ? report.command() + ": OK" : report.command() + ": FAILED");
        System.out.flush();
        int code = SpringApplication.exit(context, (ExitCodeGenerator) () -> report.ok() ? 0 : 1);
        System.exit(code);
    }
}
