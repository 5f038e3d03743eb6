package io.aksflux.guard;

import java.util.Map;

/**
 * A Flux Kustomization the cluster will run: one of the flux configuration's kustomizations, or a
 * {@code kustomize.toolkit.fluxcd.io} Kustomization object another one applies.
 *
 * @param kustomization the flux configuration's name for it ({@code cluster}); null for an object found in a build
 * @param namespace   the object's namespace (the flux configuration's for its own kustomizations)
 * @param name        the object's name ({@code <configuration>-<kustomization>} for the flux configuration's)
 * @param repo        the repository role its source reads
 * @param folder      its path, repository-relative ({@code ""} the root)
 * @param manifest    where its manifest is ({@code core repository: clusters/dev/apps.yaml}); null for the flux configuration's
 * @param substitute  its {@code postBuild.substitute}: what it fills into the manifests it applies
 */
record Reconciler(String kustomization, String namespace, String name, String repo, String folder, boolean prune, String manifest,
                  Map<String, String> substitute) {

    /** How a message names it: {@code flux configuration kustomization 'cluster' (./clusters/dev, core repository)}. */
    String label() {
        String where = path() + " of the " + repo + " repository" + (prune ? ", prune: true" : ", no prune");
        return manifest == null
                ? "the flux configuration's kustomization '" + kustomization + "' (" + where + ")"
                : "Kustomization " + namespace + "/" + name + " (" + manifest + "; " + where + ")";
    }

    /** As Flux's {@code spec.path} is written. */
    String path() {
        return folder.isEmpty() ? "./" : "./" + folder;
    }
}
