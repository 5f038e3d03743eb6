package io.aksflux.support;

import io.aksflux.environment.Environment.GitAuthor;
import io.aksflux.git.GitCheckout;
import io.aksflux.git.GitRemote;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link GitRemote} that counts what the engine does with the one it wraps: clones (working copies checked out) and
 * pushes per repository URL, and working copies still open. Optionally runs something before each push, as someone
 * pushing meanwhile would.
 */
public final class CountingGitRemote implements GitRemote {
    private final GitRemote remote;
    private final Consumer<String> beforePush;
    private final Map<String, Integer> clones = new HashMap<>();
    private final Map<String, Integer> pushes = new HashMap<>();
    private int open;

    public CountingGitRemote(GitRemote remote) {
        this(remote, url -> { });
    }

    /** @param beforePush runs with the repository's URL before each push reaches it */
    public CountingGitRemote(GitRemote remote, Consumer<String> beforePush) {
        this.remote = remote;
        this.beforePush = beforePush;
    }

    public synchronized int clones(String url) {
        return clones.getOrDefault(url, 0);
    }

    /** Pushes tried, the ones refused because the branch moved on included. */
    public synchronized int pushes(String url) {
        return pushes.getOrDefault(url, 0);
    }

    public synchronized int pushes() {
        return pushes.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Working copies checked out and not closed yet. */
    public synchronized int open() {
        return open;
    }

    /** Starts counting again from nothing (what a first apply did is not the second's). */
    public synchronized void reset() {
        clones.clear();
        pushes.clear();
    }

    @Override
    public GitCheckout checkout(String url, String branch, String startFrom) {
        GitCheckout checkout = remote.checkout(url, branch, startFrom);
        synchronized (this) {
            clones.merge(url, 1, Integer::sum);
            open++;
        }
        return new Counted(url, checkout);
    }

    @Override
    public Optional<String> head(String url, String branch) {
        return remote.head(url, branch);
    }

    @Override
    public Optional<String> tag(String url, String tag) {
        return remote.tag(url, tag);
    }

    private final class Counted implements GitCheckout {
        private final String url;
        private final GitCheckout checkout;
        private boolean closed;

        Counted(String url, GitCheckout checkout) {
            this.url = url;
            this.checkout = checkout;
        }

        @Override
        public String url() {
            return checkout.url();
        }

        @Override
        public String branch() {
            return checkout.branch();
        }

        @Override
        public Optional<String> read(String path) {
            return checkout.read(path);
        }

        @Override
        public boolean isDirectory(String path) {
            return checkout.isDirectory(path);
        }

        @Override
        public Optional<Path> workTree() {
            return checkout.workTree();
        }

        @Override
        public void write(String path, String content) {
            checkout.write(path, content);
        }

        @Override
        public Optional<String> commit(String message, Optional<GitAuthor> author) {
            return checkout.commit(message, author);
        }

        @Override
        public boolean push() {
            beforePush.accept(url);
            synchronized (CountingGitRemote.this) {
                pushes.merge(url, 1, Integer::sum);
            }
            return checkout.push();
        }

        @Override
        public void reset() {
            checkout.reset();
        }

        @Override
        public void close() {
            checkout.close();
            synchronized (CountingGitRemote.this) {
                if (!closed) {
                    closed = true;
                    open--;
                }
            }
        }
    }
}
