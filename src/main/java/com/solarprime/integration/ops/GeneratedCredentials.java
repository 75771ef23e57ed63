package com.solarprime.integration.ops;

import com.solarprime.integration.config.AccessProperties;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The credentials in force: configured ones, or random ones for a local run. Generated values are
 * printed once to the console, never through the logging system, so log shipping does not carry them.
 */
@Component
public class GeneratedCredentials {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String integrationApiKey;
    private final String adminUser;
    private final String adminPassword;

    public GeneratedCredentials(AccessProperties access) {
        List<String> generated = new ArrayList<>();
        this.integrationApiKey = orGenerate(access.integrationApiKey(), "INTEGRATION_API_KEY", generated);
        this.adminUser = StringUtils.hasText(access.adminUser()) ? access.adminUser() : "admin";
        this.adminPassword = orGenerate(access.adminPassword(), "ADMIN_PASSWORD", generated);
        if (!generated.isEmpty()) {
            print(generated, System.out);
        }
    }

    public String integrationApiKey() {
        return integrationApiKey;
    }

    public String adminUser() {
        return adminUser;
    }

    public String adminPassword() {
        return adminPassword;
    }

    private String orGenerate(String configured, String name, List<String> generated) {
        if (StringUtils.hasText(configured)) {
            return configured;
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        generated.add(name + " = " + value);
        return value;
    }

    private void print(List<String> generated, PrintStream out) {
        StringBuilder box = new StringBuilder("\n")
                .append("=".repeat(78)).append('\n')
                .append(" Generated credentials for this run (set these variables to choose your own):\n");
        generated.forEach(line -> box.append("   ").append(line).append('\n'));
        box.append("   ADMIN_USER = ").append(adminUser).append('\n')
                .append("=".repeat(78)).append('\n');
        out.print(box);
        out.flush();
    }
}
