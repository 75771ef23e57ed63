package com.solarprime.integration;

import com.solarprime.integration.kommo.KommoCommands;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class Application {

    public static void main(String[] args) {
        SpringApplication.run(Application.class, commandLineMode(args));
    }

    /** A one-off command must not take the port of a running service: it listens on any free one. */
    static String[] commandLineMode(String[] args) {
        if (args.length == 0 || !KommoCommands.isCommand(args[0])) {
            return args;
        }
        String[] withPort = Arrays.copyOf(args, args.length + 1);
        withPort[args.length] = "--server.port=0";
        return withPort;
    }
}
