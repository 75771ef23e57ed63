package com.solarprime.integration.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.solarprime.integration.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The integrator's folder: a route file saved there is added, and reloaded on save while developing. */
@IntegrationTest
@TestPropertySource(properties = {"solarprime.routes.dir=" + RouteFolderTest.DIR, "camel.main.routes-reload-enabled=true"})
class RouteFolderTest {

    /** Read when the application starts, before any bean exists: so a fixed folder, filled when this class loads. */
    static final String DIR = "target/route-folder-test";
    static final Path FOLDER = folder();

    @Autowired
    ProducerTemplate producer;
    @Autowired
    CamelContext camel;

    @Test
    void aRouteFileOfTheFolderIsLoadedNextToTheShippedOnesAndReloadedWhenSaved() throws IOException {
        assertThat(camel.getRoute("whatsapp-evolution-webhook")).as("shipped routes still load").isNotNull();
        assertThat(producer.requestBody("direct:greeting", "", String.class)).isEqualTo("olá");

        Files.writeString(FOLDER.resolve("greeting.camel.yaml"), route("bom dia"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(producer.requestBody("direct:greeting", "", String.class)).isEqualTo("bom dia"));
        assertThat(camel.getRoute("dead-letter")).as("other routes keep running").isNotNull();
    }

    private static Path folder() {
        try {
            Path folder = Files.createDirectories(Path.of(DIR));
            Files.writeString(folder.resolve("greeting.camel.yaml"), route("olá"));
            return folder;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String route(String text) {
        return """
                - route:
                    id: greeting
                    from:
                      uri: direct:greeting
                      steps:
                        - setBody:
                            constant: "%s"
                """.formatted(text);
    }
}
