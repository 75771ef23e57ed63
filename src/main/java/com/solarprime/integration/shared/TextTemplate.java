package com.solarprime.integration.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny text template, so that Portuguese wording lives in resource files, not in Java.
 *
 * <ul>
 *   <li>{@code {name}} is replaced by the value; {@code {name|fallback}} uses the fallback when the value
 *       is absent (null or blank).</li>
 *   <li>{@code {#name}...{/name}} is kept only when the value is present, {@code {^name}...{/name}} only
 *       when it is absent. Sections nest when their names differ. A section tag alone on its line
 *       takes the line with it.</li>
 * </ul>
 * Every name must be a key of the values map (its value may be null), so that a misspelt placeholder
 * fails instead of silently rendering nothing. Values are inserted verbatim and never re-read as template.
 */
public final class TextTemplate {

    private static final Pattern STANDALONE_TAG = Pattern.compile("(?m)^[ \\t]*(\\{[#^/]\\w+\\})[ \\t]*\\R");
    private static final Pattern SECTION = Pattern.compile("\\{([#^])(\\w+)\\}(.*?)\\{/\\2\\}", Pattern.DOTALL);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)(?:\\|([^{}]*))?\\}");

    private final String name;
    private final String source;

    private TextTemplate(String name, String source) {
        this.name = name;
        this.source = STANDALONE_TAG.matcher(source).replaceAll("$1");
    }

    /** The template's text, placeholders unfilled. */
    public String source() {
        return source.stripTrailing();
    }

    public static TextTemplate of(String name, String source) {
        return new TextTemplate(name, source);
    }

    /** Loads a UTF-8 template from the classpath, e.g. {@code templates/qualification-note.txt}. */
    public static TextTemplate fromClasspath(String path) {
        try (InputStream in = TextTemplate.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("template not found on the classpath: " + path);
            }
            return new TextTemplate(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + path, e);
        }
    }

    /** The rendered text without trailing whitespace. */
    public String render(Map<String, ?> values) {
        return render(source, values).stripTrailing();
    }

    private String render(String text, Map<String, ?> values) {
        StringBuilder out = new StringBuilder();
        Matcher section = SECTION.matcher(text);
        int done = 0;
        while (section.find()) {
            out.append(placeholders(text.substring(done, section.start()), values));
            boolean wantsPresent = section.group(1).equals("#");
            if (present(values, section.group(2)) == wantsPresent) {
                out.append(render(section.group(3), values));
            }
            done = section.end();
        }
        return out.append(placeholders(text.substring(done), values)).toString();
    }

    private String placeholders(String text, Map<String, ?> values) {
        Matcher placeholder = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String key = placeholder.group(1);
            String fallback = placeholder.group(2);
            String replacement = present(values, key) ? String.valueOf(values.get(key)) : fallback == null ? "" : fallback;
            placeholder.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    private boolean present(Map<String, ?> values, String key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("template " + name + " uses {" + key + "}, which was not supplied");
        }
        Object value = values.get(key);
        return value != null && !String.valueOf(value).isBlank();
    }
}
