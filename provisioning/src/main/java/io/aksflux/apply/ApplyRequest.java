package io.aksflux.apply;

import io.aksflux.environment.Environment;
import io.aksflux.secret.SecretResolver;
import io.aksflux.secret.SecretSource;

import io.aksflux.desired.DesiredState;

import java.time.Duration;
import java.util.Set;

/**
 * What to apply and how: the environment and its desired state (built once for the command), stages to skip, whether to wait,
 * for how long, whether to register providers, whether to re-send protected settings and where their values come from;
 * {@code alreadySeeded} when the repositories were seeded beforehand (a rebuild seeds every environment first);
 * {@code allowRepoint}: rewrite a flux configuration whose kustomization paths differ from this environment's;
 * {@code deployKeys}: the Git host and the flags the deploy-keys stage works with.
 */
public record ApplyRequest(Environment environment, DesiredState desired, Set<Stage> skip, boolean waitForCompletion,
                           Duration waitTimeout, boolean registerProviders, boolean resendProtectedSettings,
                           SecretResolver secrets, java.util.Optional<io.aksflux.change.SeedResult> alreadySeeded,
                           boolean allowRepoint, DeployKeyOptions deployKeys) {
    public ApplyRequest {
        skip = Set.copyOf(skip);
    }

    /** Deploy keys kept without GitHub's API, no rotation and no confirmation. */
    public ApplyRequest(Environment environment, DesiredState desired, Set<Stage> skip, boolean waitForCompletion,
                        Duration waitTimeout, boolean registerProviders, boolean resendProtectedSettings,
                        SecretResolver secrets, java.util.Optional<io.aksflux.change.SeedResult> alreadySeeded, boolean allowRepoint) {
        this(environment, desired, skip, waitForCompletion, waitTimeout, registerProviders, resendProtectedSettings, secrets,
                alreadySeeded, allowRepoint, DeployKeyOptions.NONE);
    }

    /** Refusing to repoint a flux configuration whose kustomization paths differ (the repoint not allowed). */
    public ApplyRequest(Environment environment, DesiredState desired, Set<Stage> skip, boolean waitForCompletion,
                        Duration waitTimeout, boolean registerProviders, boolean resendProtectedSettings,
                        SecretResolver secrets, java.util.Optional<io.aksflux.change.SeedResult> alreadySeeded) {
        this(environment, desired, skip, waitForCompletion, waitTimeout, registerProviders, resendProtectedSettings, secrets,
                alreadySeeded, false);
    }

    /** Seeding as part of this apply. */
    public ApplyRequest(Environment environment, DesiredState desired, Set<Stage> skip, boolean waitForCompletion,
                        Duration waitTimeout, boolean registerProviders, boolean resendProtectedSettings, SecretResolver secrets) {
        this(environment, desired, skip, waitForCompletion, waitTimeout, registerProviders, resendProtectedSettings, secrets,
                java.util.Optional.empty());
    }

    /** Without protected settings to resolve (no variables, no Key Vault). */
    public ApplyRequest(Environment environment, DesiredState desired, Set<Stage> skip, boolean waitForCompletion,
                        Duration waitTimeout, boolean registerProviders) {
        this(environment, desired, skip, waitForCompletion, waitTimeout, registerProviders, false,
                new SecretResolver(java.util.Map.of(), SecretSource.NONE));
    }
}
