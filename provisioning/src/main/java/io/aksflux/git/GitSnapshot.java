package io.aksflux.git;

import io.aksflux.environment.Environment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Read-only view of the environment's repositories at their configured branches, for the plan; clones lazily. */
public final class GitSnapshot implements AutoCloseable {
    private final GitRemote remote;
    private final Environment.Repositories repos;
    private final Map<String, GitCheckout> checkouts = new LinkedHashMap<>();

    public GitSnapshot(GitRemote remote, Environment.Repositories repos) {
        this.remote = remote;
        this.repos = repos;
    }

    public Optional<String> read(String role, String path) {
        return checkout(role).read(path);
    }

    /** The working copy of a role's repository at its configured branch (read only; the snapshot closes it). */
    public GitCheckout checkout(String role) {
        return checkouts.computeIfAbsent(role, r -> {
            Environment.Repository repo = repos.byRole(r);
            return remote.checkout(repo.url(), repo.branch(), repo.branch());
        });
    }

    @Override
    public void close() {
        checkouts.values().forEach(GitCheckout::close);
    }
}
