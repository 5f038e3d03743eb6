package io.aksflux.kustomize;

import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;

/** A tree with some files written over it: what a repository will hold once a seed's writes land. */
public final class OverlayTree implements FileTree {
    private final FileTree base;
    private final Map<String, String> writes;

    public OverlayTree(FileTree base, Map<String, String> writes) {
        this.base = base;
        this.writes = new TreeMap<>(writes);
    }

    @Override
    public Optional<String> read(String path) {
        return writes.containsKey(path) ? Optional.of(writes.get(path)) : base.read(path);
    }

    @Override
    public boolean isDirectory(String path) {
        String prefix = path.isEmpty() ? "" : path + "/";
        return base.isDirectory(path) || writes.keySet().stream().anyMatch(w -> w.startsWith(prefix));
    }

    @Override
    public SortedSet<String> kustomizationFolders() {
        SortedSet<String> folders = base.kustomizationFolders();
        writes.keySet().stream().filter(w -> KustomizeBuilder.KUSTOMIZATION_FILES.contains(Paths.name(w)))
                .map(Paths::parent).forEach(folders::add);
        return folders;
    }
}
