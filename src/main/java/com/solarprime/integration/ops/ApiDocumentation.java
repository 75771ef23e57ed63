package com.solarprime.integration.ops;

import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * The API description springdoc serves at {@code /ops/api-docs}. The {@code /api} endpoints are Camel routes, which
 * springdoc cannot discover from controllers, so their description is a file kept next to the routes and held to
 * them by a test.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    @Bean
    OpenAPI integrationApi(@Value("classpath:openapi/integration-api.yaml") Resource description) throws IOException {
        try (InputStream in = description.getInputStream()) {
            return Yaml.mapper().readValue(in, OpenAPI.class);
        }
    }
}
