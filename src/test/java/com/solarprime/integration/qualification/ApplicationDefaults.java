package com.solarprime.integration.qualification;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;

/**
 * Binds settings from the shipped {@code application.yaml} alone (no environment, no Spring context),
 * so that unit tests exercise the real defaults in milliseconds.
 */
public final class ApplicationDefaults {

    private ApplicationDefaults() {
    }

    public static <T> T bind(String prefix, Class<T> type) {
        MutablePropertySources sources = new MutablePropertySources();
        try {
            new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
                    .forEach(sources::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Binder binder = new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
        return binder.bind(prefix, type).get();
    }

    public static QualificationProperties qualification() {
        return bind("solarprime.qualification", QualificationProperties.class);
    }
}
