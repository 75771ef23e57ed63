package com.solarprime.integration.calendar;

import com.solarprime.integration.qualification.ApplicationDefaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;

/** Business calendars for tests: the shipped defaults, and the defaults with an operator's settings on top. */
public final class Calendars {

    private static final String PREFIX = "solarprime.business-hours";

    private Calendars() {
    }

    public static BusinessHoursProperties defaultHours() {
        return ApplicationDefaults.bind(PREFIX, BusinessHoursProperties.class);
    }

    public static BusinessCalendar recife() {
        return new BusinessCalendar(defaultHours());
    }

    /**
     * Binds as the service does when an operator's settings (keys below {@code solarprime.business-hours}, e.g.
     * {@code local-holidays[0].date}) come before the shipped application.yaml, so that failures name the key.
     */
    public static BusinessHoursProperties hoursWith(Map<String, Object> settings) {
        MutablePropertySources sources = new MutablePropertySources();
        Map<String, Object> prefixed = new LinkedHashMap<>();
        settings.forEach((key, value) -> prefixed.put(PREFIX + "." + key, value));
        sources.addFirst(new MapPropertySource("operator", prefixed));
        try {
            new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
                    .forEach(sources::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Binder(ConfigurationPropertySources.from(sources)).bind(PREFIX, BusinessHoursProperties.class).get();
    }
}
