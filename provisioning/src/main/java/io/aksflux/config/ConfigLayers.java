package io.aksflux.config;

import io.aksflux.config.ConfigNode.Entry;
import io.aksflux.config.ConfigNode.MapNode;

import java.util.LinkedHashMap;

/**
 * Lays configuration files over each other: mappings merge key by key, anything else is replaced whole,
 * and an explicit {@code null} removes the key below it (e.g. a kustomization an environment does not want).
 */
public final class ConfigLayers {
    private ConfigLayers() {
    }

    public static MapNode overlay(MapNode base, MapNode top) {
        LinkedHashMap<String, Entry> merged = new LinkedHashMap<>(base.entries());
        top.entries().forEach((key, entry) -> {
            Entry below = merged.get(key);
            if (entry.value() instanceof ConfigNode.ScalarNode s && s.value() == null) {
                merged.remove(key);
            } else if (below != null && below.value() instanceof MapNode b && entry.value() instanceof MapNode t) {
                merged.put(key, new Entry(entry.keyOrigin(), overlay(b, t)));
            } else {
                merged.put(key, entry);
            }
        });
        return new MapNode(top.entries().isEmpty() ? base.origin() : top.origin(), merged);
    }
}
