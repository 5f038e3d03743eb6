package io.aksflux.seed;

import io.aksflux.change.SeedResult;
import io.aksflux.git.GitRemote;
import io.aksflux.git.GitCheckout;
import io.aksflux.base.Progress;
import io.aksflux.environment.Environment;
import io.aksflux.error.GitException;
import io.aksflux.error.SeedRefusedException;
import io.aksflux.kustomize.Kubectl;
import io.aksflux.change.Change;
import io.aksflux.template.RenderedFile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Seeds the environment's folder structure into its repositories: read what each holds, decide per file
 * ({@link FileDiff}), write what is missing, one commit per repository, push. Every repository is checked out and
 * compared before anything is pushed, so unreachable repositories and wrong credentials stop the seed before it
 * writes. A push rejected because someone pushed meanwhile is retried on the new head, a bounded number of times.
 * Before anything is pushed, {@link SeedGuard} checks that no kustomization build the seed touches breaks, in any
 * repository; with {@code seed.like} the new instance starts as a copy of a sibling's folders ({@link InstanceCopy}).
 * The seed is two phases, so apply can plan it from the same clones it pushes from: {@link #prepare} (clone, compare,
 * check, write into the working copies) and {@link #push} (commit and push what was prepared). Several environments
 * seeded as one ({@link EstateSeeder}) go through the same pieces: {@link #check}, {@link #pushRetrying}, {@link #message}.
 */
public final class Seeder {
    static final int PUSH_ATTEMPTS = 5;
    private final GitRemote remote;
    private final Progress progress;
    private final Optional<Kubectl> kubectl;

    /** @param kubectl the kubectl {@code seed.verify: kubectl} runs (empty: that option is refused) */
    public Seeder(GitRemote remote, Progress progress, Optional<Kubectl> kubectl) {
        this.remote = remote;
        this.progress = progress;
        this.kubectl = kubectl;
    }

    /** What to seed: the rendered files and where; {@code reviewBranch} null pushes to the configured branch. */
    public record Request(Environment environment, List<RenderedFile> files, String reviewBranch, boolean dryRun) {
    }

    /** Prepares and pushes: {@code aksflux seed}, and the seed an estate does before its applies. */
    public SeedResult seed(Request request) {
        try (Prepared prepared = prepare(request)) {
            return push(prepared);
        }
    }

    /**
     * Clones each repository once, compares it with what the seed needs, checks that no build breaks and writes the
     * changes into the working copies, uncommitted. Every repository is prepared before any is pushed, so an unreachable
     * repository, refused credentials or a breakage ({@link SeedRefusedException}) stop the seed with nothing written;
     * the working copies are then already deleted. The caller closes what it gets.
     */
    public Prepared prepare(Request request) {
        Environment env = request.environment();
        SeedGuard guard = guard(env, kubectl);
        Optional<InstanceCopy> like = like(env);
        Map<String, List<RenderedFile>> byRepo = new LinkedHashMap<>();
        request.files().forEach(f -> byRepo.computeIfAbsent(f.repo(), r -> new ArrayList<>()).add(f));
        Prepared prepared = new Prepared(request, like, guard);
        try {
            for (Map.Entry<String, List<RenderedFile>> repo : byRepo.entrySet()) {
                Environment.Repository configured = env.repos().byRole(repo.getKey());
                String branch = request.reviewBranch() == null ? configured.branch() : request.reviewBranch();
                prepared.repositories.add(new Repository(repo.getKey(), remote.checkout(configured.url(), branch, configured.branch()),
                        repo.getValue()));
            }
            // every repository is compared, written into its working copy and checked before the first push
            List<SeedRefusedException.Breakage> breakages = new ArrayList<>();
            for (Repository repo : prepared.repositories) {
                repo.changes = prepareRepository(repo.role, repo.checkout, repo.files, like, guard, breakages);
            }
            if (!breakages.isEmpty()) {
                throw new SeedRefusedException(env.name().name(), breakages);
            }
            return prepared;
        } catch (RuntimeException | Error e) {
            try {
                prepared.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** How the environment's seed checks builds ({@code seed.verify}). */
    static SeedGuard guard(Environment env, Optional<Kubectl> kubectl) {
        return new SeedGuard(SeedGuard.Verify.of(env.seedVerify()), kubectl);
    }

    /** The sibling whose folders a new instance starts as a copy of ({@code seed.like}), if any. */
    static Optional<InstanceCopy> like(Environment env) {
        return env.seedLike().map(other -> new InstanceCopy(io.aksflux.environment.EnvironmentName.parse(other).orElseThrow(), env.name()));
    }

    /**
     * Commits and pushes what {@link #prepare} wrote, one repository after the other (a dry run only reports it). A
     * push refused because the branch moved on is prepared again on the new head and retried; a failure after an
     * earlier repository was pushed says so. A prepared seed is pushed once; its owner still closes it.
     */
    public SeedResult push(Prepared prepared) {
        if (prepared.pushed) {
            throw new IllegalStateException("this seed of " + prepared.request.environment().name().name() + " was pushed already");
        }
        prepared.pushed = true;
        Request request = prepared.request;
        Environment env = request.environment();
        List<Repository> repos = prepared.repositories;
        List<SeedResult.Repo> results = new ArrayList<>();
        for (int i = 0; i < repos.size(); i++) {
            Repository repo = repos.get(i);
            try {
                results.add(request.dryRun()
                        ? new SeedResult.Repo(repo.role, repo.checkout.url(), repo.checkout.branch(), null, false, repo.changes)
                        : push(env, repo.role, repo.checkout, repo.files, repo.changes, prepared.like, prepared.guard));
            } catch (GitException e) {
                throw partlyPushed(env.name().name(), request.reviewBranch(), results, repos.subList(i, repos.size()).stream()
                        .map(r -> new SeedResult.Repo(r.role, r.checkout.url(), r.checkout.branch(), null, false, List.of())).toList(), e);
            }
        }
        return new SeedResult(env.name().name(), request.dryRun(), results);
    }

    /**
     * A seed prepared and not yet pushed: per repository the working copy, cloned once, holding the seed's changes
     * uncommitted, and those changes as a plan shows them. Closing deletes the working copies.
     */
    public static final class Prepared implements AutoCloseable {
        private final Request request;
        private final Optional<InstanceCopy> like;
        private final SeedGuard guard;
        private final List<Repository> repositories = new ArrayList<>();
        private boolean pushed;
        private boolean closed;

        private Prepared(Request request, Optional<InstanceCopy> like, SeedGuard guard) {
            this.request = request;
            this.like = like;
            this.guard = guard;
        }

        /** Every file's change, repository after repository, as {@code seed --dry-run} reports them. */
        public List<Change.Git> changes() {
            return repositories.stream().flatMap(r -> r.changes.stream()).toList();
        }

        /** The working copy of {@code role}, if the seed writes there: once pushed, it holds what the branch holds. */
        Optional<GitCheckout> workingCopy(String role) {
            return repositories.stream().filter(r -> r.role.equals(role)).map(r -> r.checkout).findFirst();
        }

        /** Deletes the working copies; again, it does nothing. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                repositories.forEach(r -> r.checkout.close());
            }
        }
    }

    /** One repository of a prepared seed: its role, its working copy, the layout's files for it, the changes made. */
    private static final class Repository {
        final String role;
        final GitCheckout checkout;
        final List<RenderedFile> files;
        List<Change.Git> changes = List.of();

        Repository(String role, GitCheckout checkout, List<RenderedFile> files) {
            this.role = role;
            this.checkout = checkout;
            this.files = files;
        }
    }

    /**
     * Compares the repository with what the seed needs (the sibling's copy first, then the layout's files), checks
     * that no build breaks, and writes the changes into the working copy (not committed). Breakages are collected.
     */
    private List<Change.Git> prepareRepository(String role, GitCheckout checkout, List<RenderedFile> files, Optional<InstanceCopy> like,
                                               SeedGuard guard, List<SeedRefusedException.Breakage> breakages) {
        try (Checked checked = check(role, checkout, files, like, guard, progress)) {
            breakages.addAll(checked.breakages());
            if (checked.breakages().isEmpty()) {
                breakages.addAll(checked.write());
            }
            return checked.changes();
        }
    }

    /**
     * One repository compared with what a seed needs (the sibling's copy first, then the layout's files) and its
     * builds checked against those writes; nothing is written until {@link #write}. Closing lets go of the check.
     */
    static Checked check(String role, GitCheckout checkout, List<RenderedFile> files, Optional<InstanceCopy> like, SeedGuard guard,
                         Progress progress) {
        like.filter(c -> !files.isEmpty() && c.siblingFolders(files, checkout).isEmpty()).ifPresent(c -> progress.warn(role + ": "
                + c.from() + " has no instance folders in " + checkout.url() + " to copy; seeding the layout's files only"));
        List<Change.Git> changes = diff(checkout, files, like.map(c -> c.files(role, files, checkout)).orElse(List.of()));
        Map<String, String> writes = new LinkedHashMap<>();
        changes.stream().filter(c -> c.action() != io.aksflux.change.Action.NONE).forEach(c -> writes.put(c.path(), c.content()));
        if (writes.isEmpty()) {
            return new Checked(role, checkout, changes, writes, guard, null); // nothing to check: no whole working copy needed
        }
        Optional<java.nio.file.Path> workTree = checkout.workTree();
        if (workTree.isEmpty()) {
            progress.warn(role + ": no working copy on disk, so the kustomize builds this seed touches are not checked");
            return new Checked(role, checkout, changes, writes, guard, null);
        }
        return new Checked(role, checkout, changes, writes, guard, guard.check(role, checkout.url(), workTree.get(), writes));
    }

    /** A repository's part of a seed, compared and checked ({@link #check}), not written yet. */
    static final class Checked implements AutoCloseable {
        private final String role;
        private final GitCheckout checkout;
        private final List<Change.Git> changes;
        private final Map<String, String> writes;
        private final SeedGuard guard;
        private final SeedGuard.Verdict verdict;

        private Checked(String role, GitCheckout checkout, List<Change.Git> changes, Map<String, String> writes, SeedGuard guard,
                        SeedGuard.Verdict verdict) {
            this.role = role;
            this.checkout = checkout;
            this.changes = changes;
            this.writes = writes;
            this.guard = guard;
            this.verdict = verdict;
        }

        /** Every file's change, as a plan shows it. */
        List<Change.Git> changes() {
            return changes;
        }

        /** Whether writing changes anything in the working copy. */
        boolean writes() {
            return !writes.isEmpty();
        }

        /** The builds these writes would break, as checked before writing. */
        List<SeedRefusedException.Breakage> breakages() {
            return verdict == null ? List.of() : verdict.breakages();
        }

        /** Writes the changes into the working copy; returns what only the real kustomize finds once they are there. */
        List<SeedRefusedException.Breakage> write() {
            writes.forEach(checkout::write);
            return verdict == null ? List.of() : guard.verifyWritten(role, checkout.url(), checkout.workTree().orElseThrow(), verdict);
        }

        @Override
        public void close() {
            if (verdict != null) {
                verdict.close();
            }
        }
    }

    private SeedResult.Repo push(Environment env, String role, GitCheckout checkout, List<RenderedFile> files, List<Change.Git> compared,
                                 Optional<InstanceCopy> like, SeedGuard guard) {
        var changes = new java.util.concurrent.atomic.AtomicReference<>(compared); // the changes of the latest attempt
        Optional<String> commit = pushRetrying(role, checkout, progress, () -> {
            warnDrift(role, changes.get(), progress);
            List<Change.Git> writes = changes.get().stream().filter(c -> c.action() != io.aksflux.change.Action.NONE).toList();
            return writes.isEmpty() ? Optional.empty() : checkout.commit(message(env.name().name(), writes), env.gitAuthor());
        }, () -> {
            List<SeedRefusedException.Breakage> breakages = new ArrayList<>();
            changes.set(prepareRepository(role, checkout, files, like, guard, breakages));
            if (!breakages.isEmpty()) {
                throw new SeedRefusedException(env.name().name(), breakages);
            }
        });
        return new SeedResult.Repo(role, checkout.url(), checkout.branch(), commit.orElse(null), commit.isPresent(), changes.get());
    }

    static void warnDrift(String role, List<Change.Git> changes, Progress progress) {
        changes.stream().filter(Change.Git::drifted).forEach(c -> progress.warn(role + ": " + c.path()
                + " differs from the template and is not merged; left as it is (drift)"));
    }

    /**
     * Commits ({@code commit}: empty when there is nothing to commit) and pushes. A push refused because the branch moved
     * on resets the working copy to the new head, prepares the seed again there ({@code prepareAgain}) and retries, a
     * bounded number of times, so what others pushed meanwhile is kept. Empty: nothing was committed.
     */
    static Optional<String> pushRetrying(String role, GitCheckout checkout, Progress progress,
                                         java.util.function.Supplier<Optional<String>> commit, Runnable prepareAgain) {
        for (int attempt = 1; attempt <= PUSH_ATTEMPTS; attempt++) {
            Optional<String> made = commit.get();
            if (made.isEmpty()) {
                progress.info(role + ": up to date on " + checkout.branch() + ", nothing to commit");
                return made;
            }
            if (checkout.push()) {
                progress.info(role + ": pushed " + made.get() + " to " + checkout.branch());
                progress.pushed(role, checkout.url(), checkout.branch(), made.get());
                return made;
            }
            progress.info(role + ": " + checkout.branch() + " moved on meanwhile; re-seeding on its new head (attempt "
                    + attempt + " of " + PUSH_ATTEMPTS + ")");
            checkout.reset();
            prepareAgain.run();
        }
        throw new GitException("push to " + checkout.url() + " branch " + checkout.branch() + " was rejected "
                + PUSH_ATTEMPTS + " times because others kept pushing; nothing of this seed was pushed there, re-run it");
    }

    /**
     * A failure after an earlier repository was pushed: that push stays (re-running converges, nothing is written
     * twice), and the message says which repositories hold the seed, which do not, and that re-running completes it.
     */
    static GitException partlyPushed(String environment, String reviewBranch, List<SeedResult.Repo> done,
                                     List<SeedResult.Repo> notPushed, GitException failure) {
        List<SeedResult.Repo> pushed = done.stream().filter(SeedResult.Repo::pushed).toList();
        if (pushed.isEmpty()) {
            return failure;
        }
        StringBuilder message = new StringBuilder(failure.getMessage()).append("\nThe seed is only partly pushed:");
        pushed.forEach(r -> message.append("\n  ").append(r.repo()).append(" (").append(r.url()).append(") pushed to ")
                .append(r.branch()).append(" as ").append(r.commit()));
        notPushed.forEach(r -> message.append("\n  ").append(r.repo()).append(" (").append(r.url()).append(") not pushed to ")
                .append(r.branch()));
        message.append("\nSeeding ").append(environment).append(reviewBranch == null ? "" : " to branch " + reviewBranch)
                .append(" again completes it; what is already pushed is not written again.");
        return new GitException(message.toString());
    }

    /**
     * Per file: the layout's files decided against the repository, or, where the sibling's copy provides the file,
     * against the copy (the layout's kustomization entries merge into it; the copy wins otherwise); then the rest of
     * the copy, all created.
     */
    private static List<Change.Git> diff(GitCheckout checkout, List<RenderedFile> files, List<RenderedFile> copied) {
        Map<String, RenderedFile> copies = new LinkedHashMap<>();
        copied.forEach(c -> copies.put(c.path(), c));
        List<Change.Git> changes = new ArrayList<>();
        for (RenderedFile f : files) {
            RenderedFile copy = copies.remove(f.path());
            if (copy == null) {
                changes.add(FileDiff.of(f, checkout.read(f.path())));
            } else {
                Change.Git onCopy = FileDiff.of(f, Optional.of(copy.content()));
                String content = onCopy.action() == io.aksflux.change.Action.UPDATE ? onCopy.content() : copy.content();
                changes.add(new Change.Git(io.aksflux.change.Action.CREATE, f.repo(), f.path(), content));
            }
        }
        copies.values().forEach(c -> changes.add(new Change.Git(io.aksflux.change.Action.CREATE, c.repo(), c.path(), c.content())));
        return changes;
    }

    /** {@code aksflux: seed snd4}, then one line per file written. */
    static String message(String environment, List<Change.Git> writes) {
        StringBuilder message = new StringBuilder("aksflux: seed ").append(environment).append("\n\n");
        writes.forEach(c -> message.append(c.action().wire()).append(' ').append(c.path()).append('\n'));
        return message.toString();
    }
}
