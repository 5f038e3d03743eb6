package io.aksflux.cli;

import io.aksflux.apply.Stage;
import io.aksflux.engine.Workspace;
import io.aksflux.error.UsageException;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** How {@code apply} runs: confirmation, waiting, stages to skip, what to resend and how many environments at a time. */
public final class ApplyOptions {
    @Option(names = "--yes", description = "Apply without showing the plan and asking (required when there is no terminal).")
    boolean yes;

    @Option(names = "--no-wait", description = "Send the changes and return without waiting for Azure or Flux.")
    boolean noWait;

    @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "20m", converter = DurationConverter.Positive.class,
            description = "How long to wait for each operation and for convergence (default: ${DEFAULT-VALUE}).")
    Duration waitTimeout;

    @Option(names = "--skip", paramLabel = "STAGE", split = ",",
            description = "Stages to skip: preflight, seed, notifications, deploy-keys, extension, flux, converge.")
    List<String> skip = new ArrayList<>();

    @Option(names = "--register-providers", description = "Register missing resource providers and wait for them.")
    boolean registerProviders;

    @Option(names = "--resend-protected-settings", description = "Send protected settings again (e.g. a rotated token): PUT every resource that has them. Otherwise they are sent only when the resource is created or changes.")
    boolean resendProtectedSettings;

    @Option(names = "--allow-repoint", description = "Rewrite a flux configuration whose kustomization paths differ from this"
            + " environment's (it may be another environment's: with prune: true Flux deletes what the old paths created).")
    boolean allowRepoint;

    @Option(names = "--rotate-deploy-keys", description = "Make new SSH deploy keys (deployKeys): stored in Key Vault, registered"
            + " with the Git host, written to the Secrets; the old keys are then removed from GitHub.")
    boolean rotateDeployKeys;

    @Option(names = "--deploy-key-registered", description = "The public key apply printed for a deploy key on a host other than"
            + " GitHub is registered there: go on and write its Secret (in a pipeline apply stops until this is given).")
    boolean deployKeyRegistered;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "With several environments, apply at most N at a time (default: ${DEFAULT-VALUE}; 1: one after the other).")
    int parallel;

    /** {@code --parallel}, refused below 1. */
    int parallel() {
        if (parallel < 1) {
            throw new UsageException("--parallel must be at least 1, not " + parallel);
        }
        return parallel;
    }

    Set<Stage> skipped() {
        Set<Stage> skipped = new HashSet<>();
        skip.forEach(s -> skipped.add(Stage.parse(s)));
        return skipped;
    }

    Workspace.ApplyOptions engine() {
        return new Workspace.ApplyOptions(skipped(), !noWait, waitTimeout, registerProviders, resendProtectedSettings, allowRepoint);
    }

    /** With the deploy keys reached as {@code arm} reaches Azure. */
    Workspace.ApplyOptions engine(ArmOptions arm) {
        return new Workspace.ApplyOptions(skipped(), !noWait, waitTimeout, registerProviders, resendProtectedSettings, allowRepoint,
                arm.deployKeys(rotateDeployKeys, deployKeyRegistered));
    }
}
