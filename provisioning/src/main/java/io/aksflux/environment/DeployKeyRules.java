package io.aksflux.environment;

import io.aksflux.config.ConfigNode.MapNode;
import io.aksflux.config.ConfigNode.ScalarNode;
import io.aksflux.error.Problem;

import java.util.ArrayList;
import java.util.List;

/**
 * A deploy key registered through GitHub's API needs the repository's owner and name, read from its URL
 * ({@code ssh://git@github.com/<owner>/<repo>.git}); the schema already refused a URL that is not SSH.
 */
final class DeployKeyRules {
    private DeployKeyRules() {
    }

    static List<Problem> check(MapNode config) {
        List<Problem> problems = new ArrayList<>();
        if (!(config.get("deployKeys") instanceof MapNode keys)) {
            return problems;
        }
        keys.entries().forEach((name, entry) -> {
            if (!(entry.value() instanceof MapNode key) || !(key.get("repository") instanceof ScalarNode url)
                    || !(url.value() instanceof String text) || DeployKeySpec.hostAndPath(text).isEmpty()) {
                return;
            }
            boolean github = key.get("host") instanceof ScalarNode host ? "github".equals(host.text())
                    : DeployKeySpec.defaultHost(text) == DeployKeySpec.Host.GITHUB;
            if (github && DeployKeySpec.ownerAndRepo(text).isEmpty()) {
                problems.add(new Problem(url.origin(), "deployKeys." + name + ".repository", "GitHub's deploy-key API needs the"
                        + " repository as <owner>/<repo>, e.g. ssh://git@github.com/my-org/apps.git; this URL's path is "
                        + Problem.quote(DeployKeySpec.hostAndPath(text).get().get(1))
                        + " (or set host: other to register the key yourself)"));
            }
        });
        return problems;
    }
}
