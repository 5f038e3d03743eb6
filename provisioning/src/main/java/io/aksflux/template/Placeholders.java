package io.aksflux.template;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * aksflux's own placeholders, {@code {{ a.b.c }}}, replaced inside one string at a time. They never clash
 * with Flux's {@code ${VAR}} post-build substitutions, which pass through untouched. {@code \{{} is a literal
 * {@code {{} (for text that is itself a template, such as a Go template Flux renders).
 */
public final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.\\-]+)\\s*}}");
    private static final String ESCAPED = "\\{{";
    private static final Pattern TOKEN = Pattern.compile(Pattern.quote(ESCAPED) + "|" + PLACEHOLDER.pattern());

    private Placeholders() {
    }

    public static boolean contains(String text) {
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            if (m.group(1) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param lookup value of a placeholder name, empty when the name is unknown
     * @throws UnknownPlaceholder naming the first unknown placeholder
     */
    public static String render(String text, Function<String, Optional<String>> lookup) {
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (name == null) {
                m.appendReplacement(out, Matcher.quoteReplacement("{{"));
                continue;
            }
            String value = lookup.apply(name).orElseThrow(() -> new UnknownPlaceholder(name));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A placeholder names nothing known; callers add the file and field. */
    public static final class UnknownPlaceholder extends RuntimeException {
        private final String name;

        public UnknownPlaceholder(String name) {
            super("unknown placeholder {{" + name + "}}");
            this.name = name;
        }

        public String name() {
            return name;
        }
    }
}
