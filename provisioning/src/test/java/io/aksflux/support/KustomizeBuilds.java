package io.aksflux.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds every folder holding a {@code kustomization.yaml} (or {@code .yml}) under a work tree with the real
 * {@code kubectl kustomize --load-restrictor LoadRestrictionsNone DIR}, as the reference snapshots' baseline was
 * measured. A missing kubectl fails the test instead of skipping it.
 */
public final class KustomizeBuilds {
    private static final int PARALLEL = 2;
    private static final java.util.regex.Pattern ERR = java.util.regex.Pattern.compile("\"command failed\" err=\"(.*)\"$");

    private KustomizeBuilds() {
    }

    /** One folder's build: its folder relative to the work tree ({@code "."} for the root), exit code and output. */
    public record Build(String folder, boolean passed, String output) {
        /** kubectl's message for a failed build (the {@code err="..."} of its last line, without klog's time stamp). */
        public String error() {
            String[] lines = output.strip().split("\n");
            String last = lines.length == 0 ? "" : lines[lines.length - 1];
            java.util.regex.Matcher err = ERR.matcher(last);
            return err.find() ? err.group(1) : last;
        }
    }

    /** The builds of one run, by folder. */
    public record Builds(SortedMap<String, Build> byFolder) {
        public SortedSet<String> folders() {
            return new TreeSet<>(byFolder.keySet());
        }

        public SortedSet<String> passing() {
            return byFolder.values().stream().filter(Build::passed).map(Build::folder).collect(Collectors.toCollection(TreeSet::new));
        }

        /** Failing folders with kubectl's message. */
        public SortedMap<String, String> failing() {
            return byFolder.values().stream().filter(b -> !b.passed())
                    .collect(Collectors.toMap(Build::folder, Build::error, (a, b) -> a, TreeMap::new));
        }

        public Build get(String folder) {
            Build build = byFolder.get(folder);
            if (build == null) {
                throw new AssertionError("no kustomization folder " + folder + " among " + byFolder.keySet());
            }
            return build;
        }

        /** Folders that built in {@code before} and fail now, with the message: what a seed must never cause. */
        public SortedMap<String, String> brokenSince(Builds before) {
            SortedMap<String, String> broken = new TreeMap<>();
            for (String folder : before.passing()) {
                Build now = byFolder.get(folder);
                if (now == null) {
                    broken.put(folder, "folder no longer holds a kustomization");
                } else if (!now.passed()) {
                    broken.put(folder, now.error());
                }
            }
            return broken;
        }

        /** Folders present in both runs whose build output differs (a different manifest, or pass ↔ fail). */
        public SortedSet<String> changedSince(Builds before) {
            SortedSet<String> changed = new TreeSet<>();
            for (Build now : byFolder.values()) {
                Build then = before.byFolder.get(now.folder());
                if (then != null && (then.passed() != now.passed() || !then.output().equals(now.output()))) {
                    changed.add(now.folder());
                }
            }
            return changed;
        }

        /** Folders that are new in this run. */
        public SortedSet<String> addedSince(Builds before) {
            SortedSet<String> added = new TreeSet<>(byFolder.keySet());
            added.removeAll(before.byFolder.keySet());
            return added;
        }
    }

    /** Every kustomization folder of the work tree. */
    public static Builds all(Path workTree) {
        return build(workTree, folders(workTree, List.of(".")));
    }

    /** Every kustomization folder at or below the given folders (relative to the work tree, e.g. {@code services/environments}). */
    public static Builds under(Path workTree, String... folders) {
        return build(workTree, folders(workTree, List.of(folders)));
    }

    /** Exactly these folders (relative), each of which must hold a kustomization. */
    public static Builds only(Path workTree, List<String> folders) {
        return build(workTree, new TreeSet<>(folders));
    }

    /** Kustomization folders, relative with '/' separators, at or below {@code roots}; {@code .git} is not walked. */
    public static SortedSet<String> folders(Path workTree, List<String> roots) {
        SortedSet<String> found = new TreeSet<>();
        for (String root : roots) {
            Path start = workTree.resolve(root).normalize();
            if (!Files.isDirectory(start)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(start)) {
                walk.filter(p -> isKustomization(p) && !workTree.relativize(p).toString().startsWith(".git"))
                        .map(p -> relative(workTree, p.getParent()))
                        .forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    private static boolean isKustomization(Path path) {
        String name = path.getFileName().toString();
        return (name.equals("kustomization.yaml") || name.equals("kustomization.yml")) && Files.isRegularFile(path);
    }

    private static String relative(Path workTree, Path folder) {
        String relative = workTree.relativize(folder).toString().replace('\\', '/');
        return relative.isEmpty() ? "." : relative;
    }

    private static Builds build(Path workTree, SortedSet<String> folders) {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<Build>> futures = new ArrayList<>();
            for (String folder : folders) {
                futures.add(pool.submit(() -> kustomize(workTree, folder)));
            }
            SortedMap<String, Build> builds = new TreeMap<>();
            for (Future<Build> future : futures) {
                Build build = future.get();
                builds.put(build.folder(), build);
            }
            return new Builds(Collections.unmodifiableSortedMap(builds));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AssertionError a ? a : new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code kubectl kustomize --load-restrictor LoadRestrictionsNone} of one folder (relative to the work tree). */
    public static Build kustomize(Path workTree, String folder) {
        String kubectl = Files.isExecutable(Path.of("/usr/bin/kubectl")) ? "/usr/bin/kubectl" : "kubectl";
        Path dir = workTree.resolve(folder).normalize();
        try {
            Process process = new ProcessBuilder(kubectl, "kustomize", "--load-restrictor", "LoadRestrictionsNone", dir.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize did not finish for " + dir);
            }
            return new Build(folder, process.exitValue() == 0, output);
        } catch (IOException e) {
            throw new AssertionError("kubectl is required for this test (install it; tests do not skip): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Failing folders as lines {@code folder: message}, for assertion descriptions. */
    public static String describe(Map<String, String> failures) {
        return failures.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"));
    }
}
