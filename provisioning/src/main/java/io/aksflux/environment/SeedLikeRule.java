package io.aksflux.environment;

import io.aksflux.error.DidYouMean;
import io.aksflux.config.ConfigNode;
import io.aksflux.config.ConfigNode.MapNode;
import io.aksflux.config.ConfigNode.ScalarNode;
import io.aksflux.error.Problem;

import java.util.List;
import java.util.Optional;

/** {@code seed.like} names another environment of the same code that exists: the sibling a new instance copies. */
final class SeedLikeRule {
    private SeedLikeRule() {
    }

    static Optional<Problem> check(MapNode config, EnvironmentName self, List<String> known) {
        if (!(config.get("seed") instanceof MapNode seed) || !(seed.get("like") instanceof ScalarNode like) || like.value() == null) {
            return Optional.empty();
        }
        String other = like.text();
        Optional<EnvironmentName> name = EnvironmentName.parse(other);
        if (name.isEmpty()) {
            return Optional.empty(); // the schema's pattern already refuses it
        }
        if (other.equals(self.name())) {
            return problem(like, "'" + other + "' is this environment; name the sibling instance to copy, e.g. "
                    + self.code() + (self.number() > 1 ? self.number() - 1 : self.number() + 1));
        }
        if (!name.get().code().equals(self.code())) {
            return problem(like, "'" + other + "' is another environment code ('" + name.get().code() + "', not '" + self.code()
                    + "'); a new instance copies a sibling of its own code, whose base folders it shares");
        }
        if (!known.contains(other)) {
            List<String> siblings = known.stream().filter(n -> EnvironmentName.parse(n).map(e -> e.code().equals(self.code())).orElse(false)
                    && !n.equals(self.name())).toList();
            return problem(like, "unknown environment '" + other + "'" + DidYouMean.closest(other, siblings)
                    .map(s -> " (did you mean '" + s + "'?)").orElse("") + "; allowed: " + String.join(", ", siblings));
        }
        return Optional.empty();
    }

    private static Optional<Problem> problem(ConfigNode at, String message) {
        return Optional.of(new Problem(at.origin(), "seed.like", message));
    }
}
