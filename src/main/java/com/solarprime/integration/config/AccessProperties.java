package com.solarprime.integration.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Credentials guarding the service's own endpoints. Blank values are generated at start-up
 * (see {@code ops.GeneratedCredentials}); the {@code prod} profile requires all of them.
 *
 * @param integrationApiKey value of {@code X-Api-Key} for {@code /api/**}
 * @param adminUser basic-auth user for {@code /ops/**}, actuator and Hawtio
 * @param adminPassword basic-auth password for the same
 * @param tokenEncryptionKey base64 AES-256 key protecting Kommo tokens at rest
 * @param tokenKeyFile where a generated key is kept when {@code tokenEncryptionKey} is blank (default run)
 */
@ConfigurationProperties("solarprime.access")
public record AccessProperties(String integrationApiKey, String adminUser, String adminPassword,
                               String tokenEncryptionKey, java.nio.file.Path tokenKeyFile) {
}
