package io.aksflux.wait;

import io.aksflux.error.UsageException;

import java.util.Optional;

/** What a post-deployment wait waits for: a HelmRelease at a chart version, or a Kustomization at a revision. */
public sealed interface Target permits Target.HelmRelease, Target.Kustomization {

    /** {@code HelmRelease} or {@code Kustomization}, as Flux names the kind. */
    String kind();

    /** How progress lines and messages name it: {@code HelmRelease flux-config/ffc-demo-web}. */
    String label();

    /** What it must reach: the chart version, or the revision (empty: the source's head, looked up when the wait starts). */
    Optional<String> wanted();

    /**
     * @param namespace empty: the flux configuration's namespace, else the one namespace holding a release of that name
     * @param version   the chart version the release must be Ready at, as {@code spec.chart.spec.version} gives it
     */
    record HelmRelease(Optional<String> namespace, String name, String version) implements Target {
        /** {@code NAME} or {@code NAMESPACE/NAME}, refused when empty or with more than one slash. */
        public static HelmRelease parse(String namespacedName, String version) {
            String[] parts = namespacedName.split("/", -1);
            if (parts.length > 2 || parts[parts.length - 1].isBlank() || (parts.length == 2 && parts[0].isBlank())) {
                throw new UsageException("the HelmRelease '" + namespacedName + "' is not NAME or NAMESPACE/NAME, e.g. flux-config/ffc-demo-web");
            }
            if (version == null || version.isBlank()) {
                throw new UsageException("the HelmRelease " + namespacedName + " needs the chart version to wait for, e.g. 4.32.30");
            }
            return new HelmRelease(parts.length == 2 ? Optional.of(parts[0]) : Optional.empty(), parts[parts.length - 1], version.strip());
        }

        @Override
        public String kind() {
            return "HelmRelease";
        }

        @Override
        public String label() {
            return "HelmRelease " + namespace.map(n -> n + "/").orElse("") + name;
        }

        @Override
        public Optional<String> wanted() {
            return Optional.of(version);
        }
    }

    /**
     * @param name     the configuration's kustomization ({@code apps}, reported as {@code <config>-apps}) or a nested
     *                 Kustomization's own name
     * @param revision the commit (or its prefix) it must have applied; empty: the configuration source's head
     */
    record Kustomization(String name, Optional<String> revision) implements Target {
        public Kustomization {
            if (name == null || name.isBlank()) {
                throw new UsageException("name the Kustomization to wait for, e.g. apps");
            }
            revision = revision.map(String::strip).filter(r -> !r.isEmpty());
        }

        @Override
        public String kind() {
            return "Kustomization";
        }

        @Override
        public String label() {
            return "Kustomization " + name;
        }

        @Override
        public Optional<String> wanted() {
            return revision;
        }
    }
}
