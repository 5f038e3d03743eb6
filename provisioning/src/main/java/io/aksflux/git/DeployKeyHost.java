package io.aksflux.git;

import io.aksflux.error.GitException;

import java.util.List;

/**
 * A Git host's deploy keys for one repository (GitHub's {@code /repos/{owner}/{repo}/keys}). Only public keys travel
 * here; messages name the repository and the status, never a token.
 */
public interface DeployKeyHost {

    /** The repository's deploy keys. */
    List<RegisteredKey> list(String owner, String repo);

    /** Registers {@code publicKey} ({@code ssh-ed25519 AAAA…}) as a read-only deploy key. */
    void addReadOnly(String owner, String repo, String title, String publicKey);

    void delete(String owner, String repo, long id);

    /** @param key the public key as the host shows it ({@code ssh-ed25519 AAAA…}) */
    record RegisteredKey(long id, String title, String key, boolean readOnly) {
    }

    /** For callers that give no Git host access: a GitHub deploy key is refused with what to set. */
    DeployKeyHost NONE = new DeployKeyHost() {
        @Override
        public List<RegisteredKey> list(String owner, String repo) {
            throw refused();
        }

        @Override
        public void addReadOnly(String owner, String repo, String title, String publicKey) {
            throw refused();
        }

        @Override
        public void delete(String owner, String repo, long id) {
            throw refused();
        }

        private GitException refused() {
            return new GitException("GitHub's deploy-key API is not available to this command; set AKSFLUX_GITHUB_TOKEN");
        }
    };
}
