package io.aksflux.git;

/**
 * The engine's only door to Git hosting: a working copy of one branch of one repository. JGit lives behind it
 * ({@link JGitRemote}); tests decorate it to simulate a concurrent push.
 */
public interface GitRemote {

    /**
     * A temporary working copy of {@code branch} of the repository at {@code url}. When {@code branch} does not
     * exist there yet it starts from {@code startFrom} (a review branch is created from the configured one);
     * pushing then creates it. A repository without any branch yet (created empty) gives an empty working copy whose
     * first commit becomes the root of {@code branch}; a repository with branches but neither of these is refused.
     */
    GitCheckout checkout(String url, String branch, String startFrom);

    /** The commit {@code branch} points at now, without cloning; empty when the branch does not exist. */
    java.util.Optional<String> head(String url, String branch);

    /**
     * The commit tag {@code tag} names now (an annotated tag peeled to its commit), without cloning; empty when the
     * tag does not exist, or when this remote cannot list tags.
     */
    default java.util.Optional<String> tag(String url, String tag) {
        return java.util.Optional.empty();
    }
}
