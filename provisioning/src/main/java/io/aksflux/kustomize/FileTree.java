package io.aksflux.kustomize;

import java.util.Optional;
import java.util.SortedSet;

/**
 * The files of one repository as a kustomize build sees them. Paths are relative to the repository root, with '/'
 * separators and no '.' or '..' segments ({@code ""} is the root).
 */
public interface FileTree {

    Optional<String> read(String path);

    boolean isDirectory(String path);

    /** Every folder holding a kustomization file ({@code kustomization.yaml}, {@code .yml} or {@code Kustomization}). */
    SortedSet<String> kustomizationFolders();
}
