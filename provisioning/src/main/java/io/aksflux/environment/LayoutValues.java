package io.aksflux.environment;

import io.aksflux.config.ConfigNode.MapNode;
import io.aksflux.error.DidYouMean;
import io.aksflux.error.Problem;

import java.util.ArrayList;
import java.util.List;

/**
 * An environment's {@code values} are its layout's own settings: only the names the layout's layout.yaml declares
 * under {@code values}, so a misspelt one is refused rather than silently leaving the layout's default in place.
 */
final class LayoutValues {
    private LayoutValues() {
    }

    /** @param layoutFile how messages name the layout's layout.yaml */
    static List<Problem> check(MapNode config, List<String> names, String layout, String layoutFile) {
        List<Problem> problems = new ArrayList<>();
        if (config.get("values") instanceof MapNode map) {
            String declared = names.isEmpty() ? "layout '" + layout + "' declares no values (" + layoutFile + ")"
                    : "allowed: " + String.join(", ", names) + " (the values layout '" + layout + "' declares in " + layoutFile + ")";
            map.entries().forEach((name, entry) -> {
                if (!names.contains(name)) {
                    problems.add(new Problem(entry.keyOrigin(), "values." + name, "unknown key"
                            + DidYouMean.closest(name, names).map(s -> " (did you mean '" + s + "'?)").orElse("") + "; " + declared));
                }
            });
        }
        return problems;
    }
}
