package io.aksflux.environment;

import io.aksflux.config.ConfigNode.MapNode;
import io.aksflux.config.ConfigNode.ScalarNode;
import io.aksflux.error.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses credentials inside repository URLs ({@code https://user:token@host/…}, {@code https://token@host/…}): the URL
 * travels into the plan, the seeded GitRepository and the ARM body. An SSH user alone ({@code git@host:path},
 * {@code ssh://git@host/…}) names the account, not a secret, and is fine. Messages never repeat the URL.
 */
final class RepositoryUrls {
    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://([^/?#]*)@");

    private RepositoryUrls() {
    }

    static List<Problem> check(MapNode config) {
        List<Problem> problems = new ArrayList<>();
        if (!(config.get("repos") instanceof MapNode repos)) {
            return problems;
        }
        repos.entries().forEach((name, entry) -> {
            if (entry.value() instanceof MapNode repo && repo.get("url") instanceof ScalarNode url && url.value() instanceof String text
                    && holdsCredentials(text)) {
                problems.add(new Problem(url.origin(), "repos." + name + ".url", "the URL holds credentials (not shown); remove"
                        + " the user and token from it and set AKSFLUX_GIT_TOKEN (and AKSFLUX_GIT_USERNAME for a user other than"
                        + " x-access-token) in the environment aksflux runs in; an SSH user alone, such as git@, is fine"));
            }
        });
        return problems;
    }

    static boolean holdsCredentials(String url) {
        Matcher m = USER_INFO.matcher(url.strip());
        if (!m.find()) {
            return false;
        }
        return !m.group(1).equalsIgnoreCase("ssh") || m.group(2).contains(":");
    }
}
