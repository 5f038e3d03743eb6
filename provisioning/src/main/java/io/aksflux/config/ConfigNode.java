package io.aksflux.config;

import io.aksflux.error.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed configuration value that remembers where it was written, so every validation message can
 * point at a file and line even after files are layered on top of each other.
 */
public sealed interface ConfigNode permits ConfigNode.MapNode, ConfigNode.ListNode, ConfigNode.ScalarNode {

    Origin origin();

    /** A mapping whose keys keep their own origin (the line the key is written on). */
    record MapNode(Origin origin, LinkedHashMap<String, Entry> entries) implements ConfigNode {
        public MapNode {
            entries = new LinkedHashMap<>(entries);
        }

        public static MapNode empty(Origin origin) {
            return new MapNode(origin, new LinkedHashMap<>());
        }

        public ConfigNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }
    }

    record Entry(Origin keyOrigin, ConfigNode value) {
    }

    record ListNode(Origin origin, List<ConfigNode> items) implements ConfigNode {
        public ListNode {
            items = List.copyOf(items);
        }
    }

    /** A scalar as parsed: String, Boolean, Integer/Long, Double, or null. */
    record ScalarNode(Origin origin, Object value) implements ConfigNode {
        public String text() {
            return value == null ? "" : String.valueOf(value);
        }
    }

    /** Converts to plain Java maps, lists and scalars (the shape SnakeYAML and Jackson understand). */
    static Object toPlain(ConfigNode node) {
        if (node instanceof MapNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, e) -> out.put(k, toPlain(e.value())));
            return out;
        }
        if (node instanceof ListNode l) {
            List<Object> out = new ArrayList<>();
            l.items().forEach(i -> out.add(toPlain(i)));
            return out;
        }
        return ((ScalarNode) node).value();
    }
}
