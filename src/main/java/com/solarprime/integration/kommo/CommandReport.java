package com.solarprime.integration.kommo;

import java.util.ArrayList;
import java.util.List;

/** What an operator command did, a line per step, and whether all went well. */
public record CommandReport(String command, boolean ok, List<String> lines) {

    public CommandReport {
        lines = List.copyOf(lines);
    }

    /** Collects lines while a command runs. */
    static final class Builder {
        private final String command;
        private final List<String> lines = new ArrayList<>();
        private boolean ok = true;

        Builder(String command) {
            this.command = command;
        }

        Builder pass(String line) {
            lines.add("✅ " + line);
            return this;
        }

        Builder fail(String line) {
            lines.add("❌ " + line);
            ok = false;
            return this;
        }

        Builder info(String line) {
            lines.add(line);
            return this;
        }

        CommandReport build() {
            return new CommandReport(command, ok, lines);
        }
    }
}
