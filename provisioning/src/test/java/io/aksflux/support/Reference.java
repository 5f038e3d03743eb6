package io.aksflux.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** The published ARM specs and Flux CRDs beside the checkout ({@code ../shared/reference}). Missing = failure. */
public final class Reference {
    private Reference() {
    }

    public static Path root() {
        String configured = System.getProperty("aksflux.reference", "../../shared/reference");
        Path root = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("arm")) || !Files.isDirectory(root.resolve("flux-crds"))) {
            throw new AssertionError("reference specs not found at " + root + " (set -Daksflux.reference)");
        }
        return root;
    }

    public static Path arm() {
        return root().resolve("arm");
    }

    public static Path fluxCrds() {
        return root().resolve("flux-crds");
    }

    /** The repository root (for the shipped environments/ and flux-templates/). */
    public static Path repositoryRoot() {
        return Path.of(System.getProperty("aksflux.root", "..")).toAbsolutePath().normalize();
    }
}
