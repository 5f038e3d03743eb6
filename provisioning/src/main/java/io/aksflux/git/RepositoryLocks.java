package io.aksflux.git;

import io.aksflux.environment.Environment;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * One lock per repository URL for the environments applied together in this process, so their seeds never race
 * to push (a race would only cost fetch-and-retry rounds, but nine environments can exhaust the bounded retries).
 * {@link #serialize} gives an environment's {@link GitRemote}: its first checkout takes the locks of every
 * repository the environment uses, in URL order, and its last closed checkout gives them back. Taking them all
 * at once in one order is what keeps two environments that share repositories from deadlocking (a seed holds
 * both its checkouts until it has pushed both). Reading a branch head takes no lock.
 */
public final class RepositoryLocks {
    private final Map<String, Semaphore> locks = new ConcurrentHashMap<>();

    /** {@code remote} for one environment, holding the locks of its repositories while any checkout is open. */
    public GitRemote serialize(GitRemote remote, Environment env) {
        return new Serialized(remote, java.util.List.of(env.repos().core().url(), env.repos().services().url()));
    }

    private void acquire(Collection<String> urls) {
        for (String url : urls) {
            locks.computeIfAbsent(url, u -> new Semaphore(1)).acquireUninterruptibly();
        }
    }

    private void release(Collection<String> urls) {
        urls.forEach(url -> locks.get(url).release());
    }

    /** Used by one environment's apply, on one thread at a time. */
    private final class Serialized implements GitRemote {
        private final GitRemote remote;
        private final Collection<String> urls;
        private Collection<String> held;
        private int open;

        Serialized(GitRemote remote, Collection<String> urls) {
            this.remote = remote;
            this.urls = urls;
        }

        @Override
        public synchronized GitCheckout checkout(String url, String branch, String startFrom) {
            if (open == 0) {
                TreeSet<String> wanted = new TreeSet<>(urls);
                wanted.add(url);
                acquire(wanted);
                held = wanted;
            }
            open++;
            try {
                return new Locked(remote.checkout(url, branch, startFrom), this);
            } catch (RuntimeException e) {
                closed();
                throw e;
            }
        }

        synchronized void closed() {
            if (--open == 0) {
                release(held);
                held = null;
            }
        }

        @Override
        public Optional<String> head(String url, String branch) {
            return remote.head(url, branch);
        }
    }

    /** A checkout whose closing may give the environment's locks back (once, however often it is closed). */
    private static final class Locked implements GitCheckout {
        private final GitCheckout checkout;
        private final Serialized owner;
        private boolean closed;

        Locked(GitCheckout checkout, Serialized owner) {
            this.checkout = checkout;
            this.owner = owner;
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
        public void write(String path, String content) {
            checkout.write(path, content);
        }

        @Override
        public Optional<String> commit(String message, Optional<Environment.GitAuthor> author) {
            return checkout.commit(message, author);
        }

        @Override
        public boolean push() {
            return checkout.push();
        }

        @Override
        public void reset() {
            checkout.reset();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                checkout.close();
            } finally {
                owner.closed();
            }
        }
    }
}
