package com.solarprime.integration.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.StringUtils;

/**
 * Decides which route files Camel loads: the routes shipped in the jar ({@code classpath:routes/}), with the
 * integrator's folder ({@code solarprime.routes.dir}, i.e. {@code ROUTES_DIR}) on top. A file in that folder
 * with the name of a shipped route replaces it; any other route file there is added. The same folder may
 * hold {@code *.kamelet.yaml} files, which take precedence over the shipped action kamelets.
 *
 * <p>The result becomes {@code camel.main.routes-include-pattern} as a list of explicit resources, so that
 * Camel never sees two files defining the same route ids, and the start-up log says where each came from.
 */
public class RouteSources implements EnvironmentPostProcessor, Ordered {

    static final String SHIPPED = "classpath:routes/*.camel.yaml";
    static final String ROUTE_FILE = ".camel.yaml";
    private static final String SHIPPED_KAMELETS = "classpath:kamelets";

    private final Log log;

    public RouteSources(DeferredLogFactory logs) {
        this.log = logs.getLog(RouteSources.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String dir = environment.getProperty("solarprime.routes.dir", "");
        String additional = environment.getProperty("solarprime.routes.additional", "");
        Path folder = StringUtils.hasText(dir) ? Path.of(dir.strip()).toAbsolutePath().normalize() : null;
        List<RouteFile> routes = resolve(shippedNames(), folder);
        List<String> patterns = new ArrayList<>(routes.stream().map(RouteFile::location).toList());
        if (StringUtils.hasText(additional)) {
            patterns.add(additional.strip());
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("camel.main.routes-include-pattern", String.join(",", patterns));
        if (folder != null) {
            settings.put("camel.main.routes-reload-directory", folder.toString());
            settings.put("camel.component.kamelet.location", "file:" + folder + "," + SHIPPED_KAMELETS);
        }
        environment.getPropertySources().addFirst(new MapPropertySource("solarprimeRouteSources", settings));
        routes.forEach(route -> log.info("Route file " + route.name() + ": " + route.origin().text
                + (route.origin() == Origin.SHIPPED ? "" : " " + folder)));
        if (folder != null && !Files.isDirectory(folder)) {
            log.warn("ROUTES_DIR " + folder + " is not a folder: only the shipped routes are loaded");
        }
    }

    /** Where a route file comes from. */
    enum Origin {
        SHIPPED("shipped in the jar"), REPLACED("from ROUTES_DIR, replacing the shipped one:"), ADDED("added from ROUTES_DIR");

        final String text;

        Origin(String text) {
            this.text = text;
        }
    }

    /** One route file Camel loads. */
    record RouteFile(String name, String location, Origin origin) {
    }

    /**
     * @return every route file to load, in name order: the shipped ones, each replaced by the folder's file of
     *         the same name if there is one, plus the folder's other route files
     */
    static List<RouteFile> resolve(List<String> shipped, Path folder) {
        Map<String, RouteFile> routes = new TreeMap<>();
        shipped.forEach(name -> routes.put(name, new RouteFile(name, "classpath:routes/" + name, Origin.SHIPPED)));
        for (Path file : folderRoutes(folder)) {
            String name = file.getFileName().toString();
            routes.put(name, new RouteFile(name, "file:" + file, routes.containsKey(name) ? Origin.REPLACED : Origin.ADDED));
        }
        return List.copyOf(routes.values());
    }

    private static List<Path> folderRoutes(Path folder) {
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(ROUTE_FILE) && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list ROUTES_DIR " + folder, e);
        }
    }

    private static List<String> shippedNames() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver(RouteSources.class.getClassLoader())
                    .getResources(SHIPPED);
            return Stream.of(resources).map(Resource::getFilename).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the shipped routes", e);
        }
    }

    @Override
    public int getOrder() {
        // After application.yaml and the environment are read.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
