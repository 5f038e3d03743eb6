package io.aksflux.seed;

import io.aksflux.git.GitRemote;
import io.aksflux.git.GitCheckout;
import io.aksflux.environment.Environment;
import io.aksflux.error.GitException;

import java.util.List;

/**
 * Every kustomization path of the flux configuration must exist in its source repository at the configured
 * branch, or Flux fails to build it; apply checks this after seeding (also when seeding is skipped).
 */
public final class KustomizationPaths {
    private KustomizationPaths() {
    }

    /** A one-line confirmation; throws naming every missing path. */
    public static String check(Environment env, GitRemote remote) {
        Environment.Repository source = env.repos().byRole(env.flux().sourceRepo());
        try (GitCheckout checkout = remote.checkout(source.url(), source.branch(), source.branch())) {
            return check(env, source, checkout);
        }
    }

    /**
     * The same check on the working copy a seed just pushed from (it holds what the branch holds), so the source
     * repository is not cloned a second time; cloned when the seed wrote nothing there.
     */
    public static String check(Environment env, Seeder.Prepared seeded, GitRemote remote) {
        Environment.Repository source = env.repos().byRole(env.flux().sourceRepo());
        return seeded.workingCopy(env.flux().sourceRepo()).map(checkout -> check(env, source, checkout))
                .orElseGet(() -> check(env, remote));
    }

    private static String check(Environment env, Environment.Repository source, GitCheckout checkout) {
        List<String> missing = env.flux().kustomizations().stream()
                .filter(k -> !checkout.isDirectory(k.path()))
                .map(k -> "path " + k.path() + " of kustomization '" + k.name() + "' does not exist in "
                        + checkout.url() + " at " + source.branch())
                .toList();
        if (!missing.isEmpty()) {
            throw new GitException(String.join("; ", missing)
                    + " (seed the environment with 'aksflux seed " + env.name().name() + "' or fix flux.kustomizations)");
        }
        return "every kustomization path exists in " + checkout.url() + " at " + source.branch();
    }
}
