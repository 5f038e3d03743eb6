package io.aksflux.apply;

import io.aksflux.git.DeployKeyHost;

/**
 * How apply keeps the environment's deploy keys ({@code deployKeys}).
 *
 * @param github     GitHub's deploy-key API, as the edge wired it ({@link DeployKeyHost#NONE}: refused when a key needs it)
 * @param rotate     make a new key for every deploy key: Key Vault, the Git host (the old key removed) and the Secret
 * @param registered the public key of a {@code host: other} deploy key has been registered with its host by a person
 * @param pipeline   apply runs unattended: a key nobody confirmed registering stops apply instead of a warning
 */
public record DeployKeyOptions(DeployKeyHost github, boolean rotate, boolean registered, boolean pipeline) {
    public static final DeployKeyOptions NONE = new DeployKeyOptions(DeployKeyHost.NONE, false, false, false);
}
