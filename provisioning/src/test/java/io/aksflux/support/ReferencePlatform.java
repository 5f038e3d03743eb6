package io.aksflux.support;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.util.FileUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The reference platform's three public repositories ({@code reference/adp-platform/*.tar.gz}) as bare repositories
 * in a test's folder: one commit on {@code main} holding the snapshot's tree, as a platform team's remote looks.
 *
 * <p>Each snapshot is unpacked and written into a template object store once per JVM; every {@link #create} makes
 * new bare repositories that borrow those objects (Git alternates) and own their refs, so creating one costs
 * milliseconds and a push into it never touches another test's repositories.
 */
public final class ReferencePlatform {
    public static final String CORE = "adp-flux-core";
    public static final String SERVICES = "adp-flux-services";
    public static final String INFRASTRUCTURE = "adp-infrastructure";
    public static final String BRANCH = "main";

    private static final Map<String, Snapshot> SNAPSHOTS = new ConcurrentHashMap<>();
    private static final Map<String, KustomizeBuilds.Builds> SNAPSHOT_BUILDS = new ConcurrentHashMap<>();
    private static final Path CACHE = cacheFolder();

    private final Path dir;
    private final Path core;
    private final Path services;
    private final Path infrastructure;
    private final AtomicInteger checkouts = new AtomicInteger();

    private ReferencePlatform(Path dir) {
        this.dir = dir;
        this.core = bare(dir.resolve(CORE + ".git"), snapshot(CORE));
        this.services = bare(dir.resolve(SERVICES + ".git"), snapshot(SERVICES));
        this.infrastructure = bare(dir.resolve(INFRASTRUCTURE + ".git"), snapshot(INFRASTRUCTURE));
    }

    /** New bare repositories {@code adp-flux-core.git}, {@code adp-flux-services.git}, {@code adp-infrastructure.git} in {@code dir}. */
    public static ReferencePlatform create(Path dir) {
        return new ReferencePlatform(dir);
    }

    /** The unpacked snapshot tree of one repository (read-only, shared by the JVM): {@code CORE}, {@code SERVICES}, {@code INFRASTRUCTURE}. */
    public static Path tree(String repository) {
        return snapshot(repository).tree;
    }

    /**
     * The snapshot's own builds (what every new platform's {@code main} builds before a test changes it), of every
     * kustomization folder at or below {@code roots} ({@code "."} for all); computed once per JVM.
     */
    public static KustomizeBuilds.Builds snapshotBuilds(String repository, String... roots) {
        return SNAPSHOT_BUILDS.computeIfAbsent(repository + ":" + String.join(",", roots),
                key -> KustomizeBuilds.under(tree(repository), roots));
    }

    /** The commit every new repository's {@code main} points at (the same for each {@link #create}). */
    public static String snapshotCommit(String repository) {
        return snapshot(repository).commit.name();
    }

    public Path core() {
        return core;
    }

    public Path services() {
        return services;
    }

    public Path infrastructure() {
        return infrastructure;
    }

    public String coreUrl() {
        return GitRepos.url(core);
    }

    public String servicesUrl() {
        return GitRepos.url(services);
    }

    /** The {@code --set} overrides that point an environment's repositories at these bare repositories. */
    public List<String> repositoryOverrides() {
        return List.of("repos.core.url=" + coreUrl(), "repos.services.url=" + servicesUrl());
    }

    /** A fresh work tree of the core repository's {@code main} as it is now (after any push). */
    public Path checkoutCore() {
        return checkout(core);
    }

    public Path checkoutServices() {
        return checkout(services);
    }

    private Path checkout(Path bare) {
        String name = bare.getFileName().toString().replaceFirst("\\.git$", "");
        return GitRepos.checkout(bare, BRANCH, dir.resolve("checkouts").resolve(name + "-" + checkouts.incrementAndGet()));
    }

    private static Path bare(Path target, Snapshot snapshot) {
        try {
            Git.init().setBare(true).setInitialBranch(BRANCH).setDirectory(target.toFile()).call().close();
            Path alternates = target.resolve("objects/info/alternates");
            Files.createDirectories(alternates.getParent());
            Files.writeString(alternates, snapshot.objects.toAbsolutePath() + "\n");
            try (Git git = Git.open(target.toFile())) {
                RefUpdate update = git.getRepository().updateRef(Constants.R_HEADS + BRANCH);
                update.setNewObjectId(snapshot.commit);
                update.setExpectedOldObjectId(ObjectId.zeroId());
                RefUpdate.Result result = update.update();
                if (result != RefUpdate.Result.NEW) {
                    throw new AssertionError("could not create " + BRANCH + " in " + target + ": " + result);
                }
            }
            return target;
        } catch (Exception e) {
            throw new AssertionError("could not create the bare repository " + target + ": " + e.getMessage(), e);
        }
    }

    private static Snapshot snapshot(String repository) {
        return SNAPSHOTS.computeIfAbsent(repository, ReferencePlatform::unpack);
    }

    private static Snapshot unpack(String repository) {
        Path archive = Reference.root().resolve("adp-platform").resolve(repository + ".tar.gz");
        if (!Files.isRegularFile(archive)) {
            throw new AssertionError("reference snapshot not found: " + archive);
        }
        Path folder = CACHE.resolve(repository);
        try {
            Files.createDirectories(folder);
            run(folder, "tar", "-xzf", archive.toString());
            Path tree = folder.resolve(repository);
            if (!Files.isDirectory(tree)) {
                throw new AssertionError(archive + " does not hold a folder " + repository);
            }
            Path store = folder.resolve("objects.git");
            try (Git git = Git.init().setBare(true).setDirectory(store.toFile()).call();
                 ObjectInserter inserter = git.getRepository().newObjectInserter()) {
                ObjectId treeId = writeTree(inserter, tree);
                PersonIdent who = new PersonIdent("Reference snapshot", "reference@example.com",
                        Instant.parse("2025-06-11T00:00:00Z"), TimeZone.getTimeZone("UTC").toZoneId());
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(treeId);
                commit.setAuthor(who);
                commit.setCommitter(who);
                commit.setMessage("Snapshot of " + repository + " (reference/adp-platform)\n");
                ObjectId commitId = inserter.insert(commit);
                inserter.flush();
                return new Snapshot(tree, store.resolve("objects"), commitId);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new AssertionError("could not unpack " + archive + ": " + e.getMessage(), e);
        }
    }

    /** Git tree of a folder, entries in Git's order (folders sort as if their name ended with '/'). */
    private static ObjectId writeTree(ObjectInserter inserter, Path folder) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(folder)) {
            children = new ArrayList<>(list.toList());
        }
        children.sort((a, b) -> gitName(a).compareTo(gitName(b)));
        TreeFormatter tree = new TreeFormatter();
        boolean any = false;
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (Files.isDirectory(child)) {
                ObjectId sub = writeTree(inserter, child);
                if (sub != null) {
                    tree.append(name, FileMode.TREE, sub);
                    any = true;
                }
            } else {
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB, Files.readAllBytes(child));
                tree.append(name, Files.isExecutable(child) ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE, blob);
                any = true;
            }
        }
        return any ? inserter.insert(tree) : null;
    }

    private static String gitName(Path path) {
        String name = path.getFileName().toString();
        return Files.isDirectory(path) ? name + "/" : name;
    }

    private static Path cacheFolder() {
        try {
            Path folder = Files.createTempDirectory("aksflux-reference-platform-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    FileUtils.delete(folder.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY);
                } catch (IOException ignored) {
                    // a temp folder left behind is harmless
                }
            }));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String run(Path dir, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private record Snapshot(Path tree, Path objects, ObjectId commit) {
    }
}
