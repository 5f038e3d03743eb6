package io.aksflux.support;

import io.aksflux.environment.Environment;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@link SeedFixture}'s core and services repositories held by an {@link InMemoryGitRemote} instead of on disk, for
 * engine tests that need a Git host but test no Git: the same environments, no clone. Work trees, asked for by the
 * seed's build checks, are written under the test's folder, so the checks run as on a clone.
 */
public final class InMemoryRepos {
    public final InMemoryGitRemote remote;
    public final String core;
    public final String services;

    public InMemoryRepos(Path scratch) {
        remote = new InMemoryGitRemote(scratch);
        core = remote.bare("https://git.example.com/platform/core.git", Map.of("README.md", "# core\n"));
        services = remote.bare("https://git.example.com/platform/services.git", Map.of("README.md", "# services\n"));
    }

    /** The environment pointed at these repositories, as {@link SeedFixture#environment} points it at its own. */
    public Environment environment(String name, String... overrides) {
        return Workspaces.shipped().environment(name, SeedFixture.pointingAt(core, services, overrides));
    }
}
