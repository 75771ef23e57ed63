package com.solarprime.integration.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.solarprime.integration.config.RouteSources.Origin;
import com.solarprime.integration.config.RouteSources.RouteFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteSourcesTest {

    @TempDir
    Path folder;

    @Test
    void withoutAFolderOnlyTheShippedRoutesLoad() {
        assertThat(RouteSources.resolve(List.of("b.camel.yaml", "a.camel.yaml"), null)).containsExactly(
                new RouteFile("a.camel.yaml", "classpath:routes/a.camel.yaml", Origin.SHIPPED),
                new RouteFile("b.camel.yaml", "classpath:routes/b.camel.yaml", Origin.SHIPPED));
    }

    @Test
    void aFileOfTheFolderReplacesTheShippedOneOfTheSameNameAndOthersAreAdded() throws IOException {
        Files.writeString(folder.resolve("a.camel.yaml"), "- route: {}");
        Files.writeString(folder.resolve("mine.camel.yaml"), "- route: {}");
        Files.writeString(folder.resolve("notes.txt"), "not a route");

        assertThat(RouteSources.resolve(List.of("a.camel.yaml", "b.camel.yaml"), folder)).containsExactly(
                new RouteFile("a.camel.yaml", "file:" + folder.resolve("a.camel.yaml"), Origin.REPLACED),
                new RouteFile("b.camel.yaml", "classpath:routes/b.camel.yaml", Origin.SHIPPED),
                new RouteFile("mine.camel.yaml", "file:" + folder.resolve("mine.camel.yaml"), Origin.ADDED));
    }

    @Test
    void aMissingFolderIsNoFolder() {
        assertThat(RouteSources.resolve(List.of("a.camel.yaml"), folder.resolve("absent")))
                .extracting(RouteFile::origin).containsExactly(Origin.SHIPPED);
    }
}
