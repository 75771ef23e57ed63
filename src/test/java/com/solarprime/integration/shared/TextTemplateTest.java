package com.solarprime.integration.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextTemplateTest {

    @ParameterizedTest(name = "{0} with {1} → {2}")
    @CsvSource(nullValues = "null", delimiter = ';', value = {
            "Olá, {name}!                         ; Ana  ; Olá, Ana!",
            "Olá, {name}!                         ; null ; Olá, !",
            "Olá, {name|cliente}!                 ; null ; Olá, cliente!",
            "Olá, {name|cliente}!                 ; ' '  ; Olá, cliente!",
            "Olá{#name}, {name}{/name}!           ; Ana  ; Olá, Ana!",
            "Olá{#name}, {name}{/name}!           ; null ; Olá!",
            "{#name}oi{/name}{^name}tchau{/name}  ; Ana  ; oi",
            "{#name}oi{/name}{^name}tchau{/name}  ; null ; tchau",
            "R$ {name}                            ; $1\\ ; R$ $1\\"
    })
    void placeholdersAndSections(String source, String name, String expected) {
        Map<String, Object> values = new HashMap<>();
        values.put("name", name);

        assertThat(TextTemplate.of("test", source).render(values)).isEqualTo(expected);
    }

    @Test
    void standaloneSectionTagsTakeTheirLineWithThem() {
        TextTemplate template = TextTemplate.of("test", """
                A
                {#b}
                  B {b}
                  {#c}
                  C
                  {/c}
                {/b}
                D
                """);
        Map<String, Object> values = new HashMap<>();
        values.put("b", "1");
        values.put("c", null);

        assertThat(template.render(values)).isEqualTo("A\n  B 1\nD");
        values.put("c", "yes");
        assertThat(template.render(values)).isEqualTo("A\n  B 1\n  C\nD");
        values.put("b", null);
        assertThat(template.render(values)).isEqualTo("A\nD");
    }

    @Test
    void aPlaceholderWithoutValueEntryIsAMistake() {
        assertThatThrownBy(() -> TextTemplate.of("greeting", "Olá, {nmae}").render(Map.of("name", "Ana")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("template greeting uses {nmae}, which was not supplied");
    }

    @Test
    void aMissingResourceIsReported() {
        assertThatThrownBy(() -> TextTemplate.fromClasspath("templates/none.txt"))
                .hasMessage("template not found on the classpath: templates/none.txt");
    }
}
