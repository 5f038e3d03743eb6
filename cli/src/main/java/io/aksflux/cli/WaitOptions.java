package io.aksflux.cli;

import io.aksflux.engine.EstateWait;
import io.aksflux.error.UsageException;
import io.aksflux.wait.Target;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@code wait} waits for: HelmReleases each at a chart version, Kustomizations each at a revision, and how long. */
public final class WaitOptions {
    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<Release> releases = new ArrayList<>();

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<Kustomization> kustomizations = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "20m", converter = DurationConverter.Positive.class,
            description = "How long to wait in all (default: ${DEFAULT-VALUE}); then exit 3 naming what is not done.")
    Duration timeout;

    @Option(names = "--details", description = "On a failure, also read the release's conditions and recent events inside the"
            + " cluster (AKS run command: needs its permission, works on private clusters). Never its values or a Secret.")
    boolean details;

    /** One {@code --helmrelease [NAMESPACE/]NAME --version V}. */
    static final class Release {
        @Option(names = "--helmrelease", paramLabel = "[NAMESPACE/]NAME", required = true,
                description = "A HelmRelease to wait for; without NAMESPACE: the flux configuration's namespace, else the one"
                        + " namespace that has a release of that name. Repeatable, each with its --version.")
        String name;

        @Option(names = "--version", paramLabel = "V", required = true,
                description = "The chart version the HelmRelease before it must be Ready at (spec.chart.spec.version).")
        String version;
    }

    /** One {@code --kustomization NAME [--revision SHA]}. */
    static final class Kustomization {
        @Option(names = "--kustomization", paramLabel = "NAME", required = true,
                description = "A Kustomization to wait for: the flux configuration's (apps: <config>-apps) or a nested one by its name.")
        String name;

        @Option(names = "--revision", paramLabel = "SHA",
                description = "The commit (or its prefix) it must have applied (default: the head of the configuration's source"
                        + " branch, or its pinned commit or tag; a nested Kustomization from another repository needs --revision).")
        String revision;
    }

    /** The targets in the order named; refuses a wait for nothing. */
    EstateWait.Request request() {
        List<Target> targets = new ArrayList<>();
        releases.forEach(r -> targets.add(Target.HelmRelease.parse(r.name, r.version)));
        kustomizations.forEach(k -> targets.add(new Target.Kustomization(k.name, Optional.ofNullable(k.revision))));
        if (targets.isEmpty()) {
            throw new UsageException("name what to wait for: --helmrelease [NAMESPACE/]NAME --version V, or --kustomization NAME");
        }
        return new EstateWait.Request(targets, timeout, details);
    }
}
