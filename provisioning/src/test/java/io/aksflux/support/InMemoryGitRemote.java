package io.aksflux.support;

import io.aksflux.environment.Environment.GitAuthor;
import io.aksflux.error.GitException;
import io.aksflux.git.GitCheckout;
import io.aksflux.git.GitRemote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link GitRemote} whose repositories live in memory, so engine tests need no JGit clone on disk. It keeps the
 * rules the engine relies on as {@code JGitRemote} does them ({@code InMemoryGitRemoteTest} runs the same sequences on
 * both): a missing branch starts from {@code startFrom}, an empty repository gives an empty working copy, a commit of
 * nothing new is no commit, a push after someone else's is refused (false) until {@link GitCheckout#reset}, tags peel
 * to their commit. What only a real clone can show (symbolic links, submodules, binary or huge files) stays with the
 * JGit tests. With a scratch folder, {@link GitCheckout#workTree} writes the working copy there, so the seed's build
 * checks run as on a clone; without one there is no work tree and the seed says its builds were not checked.
 * Safe for environments applied side by side: every repository read and move holds the remote's lock.
 */
public final class InMemoryGitRemote implements GitRemote {
    /** One commit: its files whole (path to text), its parent (null for a root) and who made it. */
    public record Commit(String id, String parent, Map<String, String> files, String message, String authorName, String authorEmail) {
    }

    private static final class Repository {
        final Map<String, Commit> commits = new HashMap<>();
        final Map<String, String> branches = new TreeMap<>();
        final Map<String, String> tags = new TreeMap<>();
    }

    private final Map<String, Repository> repositories = new HashMap<>();
    private final Path scratch;
    private int made;

    /** Working copies only in memory: no work tree, so a seed's build checks do not run. */
    public InMemoryGitRemote() {
        this(null);
    }

    /** Work trees, when asked for, written under {@code scratch} and deleted on close. */
    public InMemoryGitRemote(Path scratch) {
        this.scratch = scratch;
    }

    // ---- the test's side: repositories as a Git host holds them, changed by someone else ----

    /** A repository at {@code url} without any commit or branch, as a Git host creates it. */
    public synchronized String empty(String url) {
        repositories.put(url, new Repository());
        return url;
    }

    /** A repository at {@code url} whose {@code main} holds these files in one commit. */
    public String bare(String url, Map<String, String> files) {
        empty(url);
        commit(url, "main", files, "existing content");
        return url;
    }

    /** Someone else's commit on {@code branch} (created when missing) writing these files; returns the commit. */
    public synchronized String commit(String url, String branch, Map<String, String> files, String message) {
        Repository repo = repository(url);
        String parent = repo.branches.get(branch);
        Map<String, String> tree = new TreeMap<>(parent == null ? Map.of() : repo.commits.get(parent).files());
        tree.putAll(files);
        Commit commit = make(repo, parent, tree, message, "Team A", "team-a@example.com");
        repo.branches.put(branch, commit.id());
        return commit.id();
    }

    /** A tag {@code name} on the commit {@code branch} points at now; returns that commit. */
    public synchronized String tag(String url, String branch, String name) {
        Repository repo = repository(url);
        String commit = repo.branches.get(branch);
        repo.tags.put(name, commit);
        return commit;
    }

    /** A file at the head of {@code branch}; empty when the branch or the file is not there. */
    public synchronized Optional<String> read(String url, String branch, String path) {
        Repository repo = repository(url);
        return Optional.ofNullable(repo.branches.get(branch)).map(id -> repo.commits.get(id).files().get(path));
    }

    /** Commits of {@code branch}, newest first (empty when the branch does not exist). */
    public synchronized List<Commit> log(String url, String branch) {
        Repository repo = repository(url);
        List<Commit> log = new ArrayList<>();
        for (String id = repo.branches.get(branch); id != null; id = repo.commits.get(id).parent()) {
            log.add(repo.commits.get(id));
        }
        return log;
    }

    // ---- the engine's side ----

    @Override
    public synchronized Optional<String> head(String url, String branch) {
        return Optional.ofNullable(repository(url).branches.get(branch));
    }

    @Override
    public synchronized Optional<String> tag(String url, String tag) {
        return Optional.ofNullable(repository(url).tags.get(tag));
    }

    @Override
    public synchronized GitCheckout checkout(String url, String branch, String startFrom) {
        Repository repo = repository(url);
        if (repo.branches.isEmpty()) {
            if (!branch.equals(startFrom)) {
                throw new GitException(url + " is empty, so review branch '" + branch + "' has nothing to start from; seed its branch '"
                        + startFrom + "' first (without --branch)");
            }
            return new Checkout(url, branch, branch, null, Map.of());
        }
        String base = repo.branches.containsKey(branch) ? branch : startFrom;
        String head = repo.branches.get(base);
        if (head == null) {
            throw new GitException("branch '" + base + "' does not exist in " + url
                    + "; create it or set the repository's branch in the environment file");
        }
        return new Checkout(url, branch, base, head, repo.commits.get(head).files());
    }

    private Repository repository(String url) {
        Repository repo = repositories.get(url);
        if (repo == null) {
            throw new GitException("cannot reach " + url + ": no repository there");
        }
        return repo;
    }

    private Commit make(Repository repo, String parent, Map<String, String> files, String message, String name, String email) {
        Commit commit = new Commit(id(parent, files, message), parent, Map.copyOf(files), message, name, email);
        repo.commits.put(commit.id(), commit);
        return commit;
    }

    /** A 40-hex id, as Git's: a digest of what the commit holds and a count, so no two commits share one. */
    private String id(String parent, Map<String, String> files, String message) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update((parent + "\0" + new TreeMap<>(files) + "\0" + message + "\0" + made++).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class Checkout implements GitCheckout {
        private final String url;
        private final String branch;
        private final String base;
        /** The commit the working copy stands on: the remote's when checked out or reset, then its own. */
        private String head;
        private Map<String, String> files;
        private Path workTree;
        private boolean closed;

        Checkout(String url, String branch, String base, String head, Map<String, String> files) {
            this.url = url;
            this.branch = branch;
            this.base = base;
            this.head = head;
            this.files = new TreeMap<>(files);
        }

        @Override
        public String url() {
            return url;
        }

        @Override
        public String branch() {
            return branch;
        }

        @Override
        public Optional<String> read(String path) {
            return Optional.ofNullable(files.get(inside(path)));
        }

        @Override
        public boolean isDirectory(String path) {
            String folder = inside(path);
            return folder.isEmpty() || files.keySet().stream().anyMatch(file -> file.startsWith(folder + "/"));
        }

        @Override
        public Optional<Path> workTree() {
            if (scratch == null) {
                return Optional.empty();
            }
            if (workTree == null) {
                try {
                    workTree = Files.createTempDirectory(scratch, "aksflux-memory-git-");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                files.forEach(this::writeToDisk);
            }
            return Optional.of(workTree);
        }

        @Override
        public void write(String path, String content) {
            String file = inside(path);
            if (files.keySet().stream().anyMatch(f -> f.startsWith(file + "/"))) {
                throw refused(path + " is a folder where aksflux needs a file; rename or move it.");
            }
            files.put(file, content);
            if (workTree != null) {
                writeToDisk(file, content);
            }
        }

        @Override
        public Optional<String> commit(String message, Optional<GitAuthor> author) {
            synchronized (InMemoryGitRemote.this) {
                Repository repo = repository(url);
                Map<String, String> before = head == null ? Map.of() : repo.commits.get(head).files();
                if (before.equals(files)) {
                    return Optional.empty();
                }
                Commit commit = make(repo, head, files, message, author.map(GitAuthor::name).orElse("aksflux"),
                        author.map(GitAuthor::email).orElse("aksflux@localhost"));
                head = commit.id();
                return Optional.of(commit.id());
            }
        }

        @Override
        public boolean push() {
            synchronized (InMemoryGitRemote.this) {
                Repository repo = repository(url);
                String remote = repo.branches.get(branch);
                if (remote != null && !descends(repo, head, remote)) {
                    return false; // someone pushed meanwhile: not a fast-forward
                }
                if (head != null) {
                    repo.branches.put(branch, head);
                }
                return true;
            }
        }

        @Override
        public void reset() {
            synchronized (InMemoryGitRemote.this) {
                Repository repo = repository(url);
                head = repo.branches.getOrDefault(branch, repo.branches.get(base));
                files = new TreeMap<>(head == null ? Map.of() : repo.commits.get(head).files());
            }
            if (workTree != null) {
                deleteWorkTree();
                workTree();
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                if (workTree != null) {
                    deleteWorkTree();
                }
            }
        }

        private boolean descends(Repository repo, String from, String ancestor) {
            for (String id = from; id != null; id = repo.commits.get(id).parent()) {
                if (id.equals(ancestor)) {
                    return true;
                }
            }
            return false;
        }

        /** The path relative to the repository root ({@code ./a/b} is {@code a/b}); one leaving the root is refused. */
        private String inside(String path) {
            Deque<String> steps = new ArrayDeque<>();
            for (String step : path.split("/")) {
                if (step.isEmpty() || step.equals(".")) {
                    continue;
                }
                if (step.equals("..")) {
                    if (steps.isEmpty()) {
                        throw refused("path " + path + " leaves the repository.");
                    }
                    steps.removeLast();
                } else {
                    steps.addLast(step);
                }
            }
            return String.join("/", steps);
        }

        private GitException refused(String why) {
            return new GitException("refused " + url + " branch " + branch + ": " + why);
        }

        private void writeToDisk(String file, String content) {
            try {
                Path target = workTree.resolve(file);
                Files.createDirectories(target.getParent());
                Files.writeString(target, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void deleteWorkTree() {
            try (var walk = Files.walk(workTree)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            workTree = null;
        }
    }
}
