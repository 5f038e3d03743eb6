package io.aksflux.git;

import io.aksflux.environment.Environment;
import io.aksflux.support.Workspaces;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class RepositoryLocksTest {
    private static final String A = "file:///estate/a.git";
    private static final String B = "file:///estate/b.git";
    private static final Duration DEADLOCK = Duration.ofSeconds(20); // a guard against hanging, never waited for when green

    /** Counts open checkouts per URL and remembers the most at once. */
    private static class CountingRemote implements GitRemote {
        final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
        final Map<String, Integer> most = new ConcurrentHashMap<>();

        @Override
        public GitCheckout checkout(String url, String branch, String startFrom) {
            int now = open.computeIfAbsent(url, u -> new AtomicInteger()).incrementAndGet();
            most.merge(url, now, Math::max);
            return (GitCheckout) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{GitCheckout.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            open.get(url).decrementAndGet();
                        }
                        return method.getReturnType() == boolean.class ? Boolean.FALSE : null;
                    });
        }

        @Override
        public Optional<String> head(String url, String branch) {
            return Optional.of("0123456789abcdef0123456789abcdef01234567");
        }
    }

    private static Environment env(String name, String core, String services) {
        return Workspaces.shipped().environment(name, List.of("repos.core.url=" + core, "repos.services.url=" + services));
    }

    @Test
    void environments_sharing_repositories_never_have_the_same_one_checked_out_at_once_and_never_deadlock() {
        CountingRemote remote = new CountingRemote();
        RepositoryLocks locks = new RepositoryLocks();
        // half of them name the repositories the other way round: locks taken in call order would deadlock
        List<GitRemote> environments = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            environments.add(locks.serialize(remote, i % 2 == 0 ? env("snd1", A, B) : env("snd2", B, A)));
        }

        assertTimeoutPreemptively(DEADLOCK, () -> {
            ExecutorService workers = Executors.newFixedThreadPool(environments.size());
            try {
                List<Future<?>> seeds = new ArrayList<>();
                for (int i = 0; i < environments.size(); i++) {
                    GitRemote git = environments.get(i);
                    boolean coreFirst = i % 2 == 0;
                    seeds.add(workers.submit(() -> {
                        for (int round = 0; round < 200; round++) { // as a seed: both checked out, then both closed
                            GitCheckout first = git.checkout(coreFirst ? A : B, "main", "main");
                            GitCheckout second = git.checkout(coreFirst ? B : A, "main", "main");
                            second.close();
                            first.close();
                        }
                    }));
                }
                for (Future<?> seed : seeds) {
                    seed.get();
                }
            } finally {
                workers.shutdownNow();
            }
        });

        assertThat(remote.most).containsEntry(A, 1).containsEntry(B, 1);
        assertThat(remote.open.values()).allSatisfy(open -> assertThat(open.get()).isZero());
    }

    @Test
    void a_checkout_that_fails_gives_the_repositories_back_to_the_others() {
        RepositoryLocks locks = new RepositoryLocks();
        GitRemote refused = locks.serialize(new CountingRemote() {
            @Override
            public GitCheckout checkout(String url, String branch, String startFrom) {
                throw new io.aksflux.error.GitException("cannot authenticate to " + url);
            }
        }, env("snd1", A, B));
        GitRemote other = locks.serialize(new CountingRemote(), env("snd2", A, B));

        assertThatThrownBy(() -> refused.checkout(A, "main", "main")).hasMessageContaining("cannot authenticate");

        assertTimeoutPreemptively(DEADLOCK, () -> other.checkout(A, "main", "main").close());
    }

    @Test
    void reading_a_branch_head_waits_for_no_checkout() {
        RepositoryLocks locks = new RepositoryLocks();
        CountingRemote remote = new CountingRemote();
        GitCheckout held = locks.serialize(remote, env("snd1", A, B)).checkout(A, "main", "main");

        assertTimeoutPreemptively(DEADLOCK, () ->
                assertThat(locks.serialize(remote, env("snd2", A, B)).head(A, "main")).isPresent());
        held.close();
    }
}
