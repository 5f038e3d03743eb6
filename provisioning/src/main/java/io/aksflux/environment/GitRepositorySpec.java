package io.aksflux.environment;

/**
 * The flux configuration's {@code gitRepository} fields beyond URL and branch, named as ARM names them: a pinned
 * ref (at most one of {@code tag}, {@code semver}, {@code commit}; none: the source repository's branch) and how
 * the cluster authenticates. Texts are as written (known_hosts lines, PEM certificates); the body encodes them.
 */
public record GitRepositorySpec(String tag, String semver, String commit, String provider, String sshKnownHosts,
                                String httpsCACert, String localAuthRef, String httpsUser) {
    public static final GitRepositorySpec NONE = new GitRepositorySpec(null, null, null, null, null, null, null, null);

    /** True when Flux reads a tag, semver range or commit rather than the branch seed pushes to. */
    public boolean pinned() {
        return tag != null || semver != null || commit != null;
    }

    /** The ref as the README and messages spell it: {@code tag v1.2.0}, {@code commit 3f1c…}, or the branch. */
    public String describe(String branch) {
        return tag != null ? "tag " + tag : semver != null ? "semver " + semver : commit != null ? "commit " + commit : "branch " + branch;
    }
}
