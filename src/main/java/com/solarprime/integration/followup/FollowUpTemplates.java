package com.solarprime.integration.followup;

import com.solarprime.integration.shared.TextTemplate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The WhatsApp text of a follow-up. Each type's wording (seed 7.1) is in
 * {@code templates/followup/<type in lower case>.txt}, where {@code {nome}} is the lead's first name and
 * {@code {#nome}...{/nome}} keeps the greeting natural when the name is unknown. A caller's own text (CUSTOM,
 * or any type the caller words itself) may use {@code {nome}} and {@code {nome|fallback}}; any other braces are
 * kept as written, since the caller did not write a template.
 */
@Component
public class FollowUpTemplates {

    private static final String NAME = "nome";
    private static final Locale BRAZIL = Locale.forLanguageTag("pt-BR");

    private static final Pattern NAME_ANY = Pattern.compile("\\{nome(?:\\|[^{}]*)?\\}");
    private static final Pattern NAME_WITH_FALLBACK = Pattern.compile("\\{nome\\|([^{}]*)\\}");
    /** A name opening a line takes its punctuation along, and the next word becomes the line's first. */
    private static final Pattern NAME_LEADING =
            Pattern.compile("(?m)^([ \\t]*)\\{nome\\}[ \\t]*[,!.:;]?[ \\t]*(\\p{L}?)");
    /** A name after a word takes the space and comma before it along: "Olá, {nome}!" reads "Olá!". */
    private static final Pattern NAME_AFTER_WORD = Pattern.compile("(?<=\\S)[ \\t]*,?[ \\t]*\\{nome\\}");
    private static final String NAME_PLACEHOLDER = "{nome}";

    private final Map<FollowUpType, TextTemplate> templates = new EnumMap<>(FollowUpType.class);

    public FollowUpTemplates() {
        for (FollowUpType type : FollowUpType.values()) {
            if (!type.needsText()) {
                templates.put(type, TextTemplate.fromClasspath(
                        "templates/followup/" + type.name().toLowerCase(Locale.ROOT) + ".txt"));
            }
        }
    }

    /** The type's own wording. CUSTOM, MESSAGE and CONSENT have none: use {@link #render(FollowUpType, String, String)}. */
    public String render(FollowUpType type, String leadName) {
        return render(type, leadName, null);
    }

    /**
     * @param leadName the lead's name as known (full name, WhatsApp push name or null); only the first name is used
     * @param customText the caller's text; when present it replaces the type's wording, and CUSTOM requires it
     */
    public String render(FollowUpType type, String leadName, String customText) {
        Optional<String> firstName = firstName(leadName);
        if (customText != null && !customText.isBlank()) {
            return custom(customText.strip(), firstName);
        }
        TextTemplate template = templates.get(type);
        if (template == null) {
            throw new IllegalArgumentException(type + " follow-ups need the caller's text");
        }
        Map<String, Object> values = new HashMap<>();
        values.put(NAME, firstName.orElse(null));
        return template.render(values);
    }

    /**
     * The first word of a name, in the case a person writes it: names typed all in capitals or all in small
     * letters (common in WhatsApp profiles) are capitalised. Empty when the name has no letters.
     */
    public static Optional<String> firstName(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String first = name.strip().split("\\s+", 2)[0];
        if (first.codePoints().noneMatch(Character::isLetter)) {
            return Optional.empty();
        }
        boolean singleCase = first.equals(first.toUpperCase(BRAZIL)) || first.equals(first.toLowerCase(BRAZIL));
        if (!singleCase) {
            return Optional.of(first);
        }
        String lower = first.toLowerCase(BRAZIL);
        int firstLength = Character.charCount(lower.codePointAt(0));
        return Optional.of(lower.substring(0, firstLength).toUpperCase(BRAZIL) + lower.substring(firstLength));
    }

    private static String custom(String text, Optional<String> firstName) {
        if (firstName.isPresent()) {
            return NAME_ANY.matcher(text).replaceAll(Matcher.quoteReplacement(firstName.get()));
        }
        String withFallbacks = NAME_WITH_FALLBACK.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1)));
        String leading = NAME_LEADING.matcher(withFallbacks)
                .replaceAll(match -> Matcher.quoteReplacement(match.group(1) + match.group(2).toUpperCase(BRAZIL)));
        return NAME_AFTER_WORD.matcher(leading).replaceAll("").replace(NAME_PLACEHOLDER, "");
    }
}
