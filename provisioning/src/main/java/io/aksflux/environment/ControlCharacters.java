package io.aksflux.environment;

import io.aksflux.config.ConfigNode;
import io.aksflux.config.ConfigNode.ListNode;
import io.aksflux.config.ConfigNode.MapNode;
import io.aksflux.config.ConfigNode.ScalarNode;
import io.aksflux.error.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every key and text value of an environment reaches a seeded YAML file, an ARM body or a plan. One with a control
 * character (a YAML escape such as {@code "\e"}) would be written by SnakeYAML as {@code !!binary}, move a terminal's
 * cursor in a plan, or reach Azure unseen, so it is refused. Tab and line feed are kept: YAML writes them as text and
 * multi-line values (a certificate, a script) are legitimate; a carriage return is not (line breaks are LF in YAML).
 */
final class ControlCharacters {
    static final String ALLOWED = "text without control characters (tab and line feed are allowed)";

    private ControlCharacters() {
    }

    /** One problem per key or value holding a control character; fields in {@code reported} already have one. */
    static List<Problem> check(MapNode config, Set<String> reported) {
        List<Problem> problems = new ArrayList<>();
        walk(config, "", reported, problems);
        return problems;
    }

    private static void walk(ConfigNode node, String field, Set<String> reported, List<Problem> problems) {
        if (node instanceof MapNode map) {
            map.entries().forEach((key, entry) -> {
                String child = field.isEmpty() ? key : field + "." + key;
                int at = firstForbidden(key);
                if (at >= 0 && !reported.contains(Problem.inert(child))) {
                    problems.add(new Problem(entry.keyOrigin(), child, "the key holds " + describe(key, at) + "; a key is " + ALLOWED));
                } else {
                    walk(entry.value(), child, reported, problems);
                }
            });
        } else if (node instanceof ListNode list) {
            for (int i = 0; i < list.items().size(); i++) {
                walk(list.items().get(i), field + "[" + i + "]", reported, problems);
            }
        } else if (node instanceof ScalarNode scalar && scalar.value() instanceof String text) {
            int at = firstForbidden(text);
            if (at >= 0 && !reported.contains(Problem.inert(field))) {
                // the value itself is not quoted: it may come from a process environment variable
                problems.add(new Problem(scalar.origin(), field, "the value holds " + describe(text, at) + "; a value is " + ALLOWED));
            }
        }
    }

    private static String describe(String text, int at) {
        return "the control character " + Problem.inert(new String(Character.toChars(text.codePointAt(at))))
                + " at character " + (text.codePointCount(0, at) + 1);
    }

    /** The index of the first character that is a control character other than tab and line feed, or not text to YAML; -1. */
    static int firstForbidden(String text) {
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            int c = text.codePointAt(i);
            boolean control = Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n';
            if (control || !org.yaml.snakeyaml.reader.StreamReader.isPrintable(c)
                    || c == 0x2028 || c == 0x2029) { // line and paragraph separators: invisible line breaks
                return i;
            }
        }
        return -1;
    }
}
