package io.aksflux.cli;

import java.util.regex.Pattern;

/**
 * Makes untrusted text (values from environment files, Azure's and Flux's messages) harmless on a terminal and in a
 * pipeline log: control characters become visible escapes ({@code \n}, {@code \u001B}), so a value can neither start
 * a line of its own (a forged {@code error:}) nor move the cursor or colour the screen; Azure DevOps logging and
 * formatting commands ({@code ##vso[…]}, {@code ##[…]}, which the agent finds anywhere in a line) lose their
 * {@code ##} the way the agent itself neutralises them ({@code **vso[}). A backslash is left alone: an escape
 * escaped again reads the same.
 */
final class Inert {
    private static final Pattern AZURE_DEVOPS_COMMAND = Pattern.compile("(?i)##(vso\\[|\\[)");
    private static final Pattern JSON_AZURE_DEVOPS_COMMAND = Pattern.compile("(?i)#(#vso\\[|#\\[)");

    private Inert() {
    }

    /** {@code text} as one inert line. */
    static String line(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (isUnsafe(c)) {
                        out.append(String.format("\\u%04X", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return AZURE_DEVOPS_COMMAND.matcher(out).replaceAll("**$1");
    }

    /**
     * JSON text made inert without changing what it says: Jackson escapes control characters already, and a {@code #}
     * (which JSON has only inside strings) that would start a logging command becomes {@code \u0023}.
     */
    static String json(String json) {
        return JSON_AZURE_DEVOPS_COMMAND.matcher(json).replaceAll("\\\\u0023$1");
    }

    /** C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional overrides that reorder a line. */
    static boolean isUnsafe(int c) {
        return Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
    }
}
