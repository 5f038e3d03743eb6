package io.aksflux.error;

/**
 * A Git repository could not be read or written: unreachable, wrong credentials, a branch that does not exist,
 * a push rejected too often. The message names the repository URL without any userinfo, never a token.
 */
public final class GitException extends AksfluxException {
    public GitException(String message) {
        super(message);
    }
}
