package io.aksflux.seed;

import io.aksflux.error.SeedRefusedException.Breakage;
import io.aksflux.error.UsageException;
import io.aksflux.kustomize.Build;
import io.aksflux.kustomize.DirectoryTree;
import io.aksflux.kustomize.FileTree;
import io.aksflux.kustomize.Kubectl;
import io.aksflux.kustomize.KustomizeBuilder;
import io.aksflux.kustomize.OverlayTree;
import org.eclipse.jgit.util.FileUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A seed never breaks what built before: every kustomization folder of the repository whose build reads a file the
 * seed writes is built before and after (kustomize's rules in Java, and with {@code kubectl} the real thing). A folder
 * that built and would fail, or a new folder that would not build, is a breakage; one that failed already is not.
 */
public final class SeedGuard {
    /** How a seed checks the builds it touches: {@code java} (default), {@code kubectl} (java, then the real kustomize), {@code none}. */
    public enum Verify {
        JAVA, KUBECTL, NONE;

        public static Verify of(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException("seed.verify '" + value + "' is not known; allowed: java, kubectl, none");
            }
        }
    }

    private final Verify verify;
    private final Optional<Kubectl> kubectl;

    public SeedGuard(Verify verify, Optional<Kubectl> kubectl) {
        if (verify == Verify.KUBECTL && kubectl.isEmpty()) {
            throw new UsageException("--verify kubectl needs kubectl on the PATH; install it, or use --verify java");
        }
        this.verify = verify;
        this.kubectl = kubectl;
    }

    /** What a check found and, for kubectl, the folders it must build again once the writes are in the work tree. */
    public record Verdict(List<Breakage> breakages, SortedSet<String> touched, Optional<Path> before) implements AutoCloseable {
        public Verdict {
            breakages = List.copyOf(breakages);
        }

        @Override
        public void close() {
            before.ifPresent(SeedGuard::delete);
        }
    }

    /** Checks the writes against the work tree they are about to land in (nothing is written yet). */
    public Verdict check(String repo, String url, Path workTree, Map<String, String> writes) {
        if (verify == Verify.NONE || writes.isEmpty()) {
            return new Verdict(List.of(), new TreeSet<>(), Optional.empty());
        }
        FileTree beforeTree = new DirectoryTree(workTree);
        FileTree afterTree = new OverlayTree(beforeTree, writes);
        KustomizeBuilder before = new KustomizeBuilder(beforeTree);
        KustomizeBuilder after = new KustomizeBuilder(afterTree, before, writes.keySet());
        SortedSet<String> existed = beforeTree.kustomizationFolders();
        List<Breakage> breakages = new ArrayList<>();
        SortedSet<String> touched = new TreeSet<>();
        Set<String> failedBefore = null;
        for (String folder : afterTree.kustomizationFolders()) {
            Build now = after.build(folder);
            boolean isNew = !existed.contains(folder);
            if (!isNew && !now.readsAny(writes.keySet()) && !before.build(folder).readsAny(writes.keySet())) {
                continue; // reads nothing the seed writes: builds as it did
            }
            touched.add(folder);
            if (now.passed()) {
                continue;
            }
            if (isNew) {
                // a new folder may inherit a failure that exists already (a base listing a team folder that is gone)
                if (failedBefore == null) {
                    failedBefore = before.buildAll().stream().filter(b -> !b.passed()).map(Build::failure).collect(Collectors.toSet());
                }
                if (failedBefore.contains(now.failure())) {
                    continue;
                }
                breakages.add(new Breakage(repo, url, show(folder), true, show(now.file()), now.reason(), "java"));
            } else if (before.build(folder).passed()) {
                breakages.add(new Breakage(repo, url, show(folder), false, show(now.file()), now.reason(), "java"));
            }
        }
        Optional<Path> copy = verify == Verify.KUBECTL && breakages.isEmpty() ? Optional.of(copyOf(workTree)) : Optional.empty();
        // kubectl then judges only what Java let through: folders that build in Java after the seed
        touched.removeIf(folder -> !after.build(folder).passed());
        return new Verdict(breakages, touched, copy);
    }

    /** With kubectl: the touched folders built by the real kustomize before (the copy) and after (the work tree, written). */
    public List<Breakage> verifyWritten(String repo, String url, Path workTree, Verdict verdict) {
        if (verdict.before().isEmpty()) {
            return List.of();
        }
        Kubectl k = kubectl.orElseThrow();
        List<Breakage> breakages = new ArrayList<>();
        for (String folder : verdict.touched()) {
            Optional<String> now = k.kustomize(workTree, folder);
            if (now.isEmpty()) {
                continue;
            }
            boolean isNew = !Files.isDirectory(verdict.before().get().resolve(folder)) || !KustomizeBuilder.KUSTOMIZATION_FILES.stream()
                    .anyMatch(n -> Files.isRegularFile(verdict.before().get().resolve(folder).resolve(n)));
            if (isNew || k.kustomize(verdict.before().get(), folder).isEmpty()) {
                breakages.add(new Breakage(repo, url, show(folder), isNew, show(folder), now.get(), "kubectl"));
            }
        }
        return breakages;
    }

    private static String show(String path) {
        return path == null || path.isEmpty() ? "." : path;
    }

    /** The work tree as it is now, without {@code .git}: the "before" kubectl builds. */
    private static Path copyOf(Path workTree) {
        try {
            Path copy = Files.createTempDirectory("aksflux-before-");
            try (Stream<Path> walk = Files.walk(workTree)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    Path rel = workTree.relativize(p);
                    if (rel.toString().equals(".git") || rel.startsWith(".git")) {
                        continue;
                    }
                    Path target = copy.resolve(rel.toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else if (Files.isRegularFile(p)) {
                        Files.copy(p, target);
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try {
            FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
