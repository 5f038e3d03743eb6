package io.aksflux.apply;

import io.aksflux.environment.Environment;
import io.aksflux.git.GitRemote;

import java.util.Optional;

/**
 * The commit the flux configuration's source gives Flux now: the pinned commit, the commit the pinned tag names, or
 * the head of the source branch; empty for a semver range (Flux's to resolve) or when the remote cannot say.
 * Convergence and the post-deployment wait both compare what Flux applied with it.
 */
public final class SourceRevision {
    private SourceRevision() {
    }

    public static Optional<String> now(Environment env, GitRemote git) {
        return env.flux().gitRepository().pinned() ? pinned(env, git) : head(env, git);
    }

    /** With a pinned ref Flux reads the pinned commit or the tag's commit, not the branch seed pushes to. */
    static Optional<String> pinned(Environment env, GitRemote git) {
        var pin = env.flux().gitRepository();
        if (pin.commit() != null) {
            return Optional.of(pin.commit());
        }
        if (pin.tag() != null) {
            return git.tag(env.repos().byRole(env.flux().sourceRepo()).url(), pin.tag());
        }
        return Optional.empty();
    }

    /** What the source branch holds now, not an older commit Flux fetched before. */
    static Optional<String> head(Environment env, GitRemote git) {
        var source = env.repos().byRole(env.flux().sourceRepo());
        return git.head(source.url(), source.branch());
    }
}
