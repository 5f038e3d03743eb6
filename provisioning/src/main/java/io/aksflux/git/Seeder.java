package io.aksflux.git;

import io.aksflux.apply.Progress;
import io.aksflux.environment.Environment;
import io.aksflux.error.GitException;
import io.aksflux.plan.Change;
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
 */
public final class Seeder {
    static final int PUSH_ATTEMPTS = 5;
    private final GitRemote remote;
    private final Progress progress;

    public Seeder(GitRemote remote, Progress progress) {
        this.remote = remote;
        this.progress = progress;
    }

    /** What to seed: the rendered files and where; {@code reviewBranch} null pushes to the configured branch. */
    public record Request(Environment environment, List<RenderedFile> files, String reviewBranch, boolean dryRun) {
    }

    public SeedResult seed(Request request) {
        Environment env = request.environment();
        Map<String, List<RenderedFile>> byRepo = new LinkedHashMap<>();
        request.files().forEach(f -> byRepo.computeIfAbsent(f.repo(), r -> new ArrayList<>()).add(f));
        List<GitCheckout> checkouts = new ArrayList<>();
        try {
            for (String role : byRepo.keySet()) {
                Environment.Repository repo = env.repos().byRole(role);
                String branch = request.reviewBranch() == null ? repo.branch() : request.reviewBranch();
                checkouts.add(remote.checkout(repo.url(), branch, repo.branch()));
            }
            List<SeedResult.Repo> results = new ArrayList<>();
            List<String> roles = List.copyOf(byRepo.keySet());
            // every path is read, so checked (symbolic links, submodules, size), in every repository before any push
            for (int i = 0; i < roles.size() && !request.dryRun(); i++) {
                diff(checkouts.get(i), byRepo.get(roles.get(i)));
            }
            for (int i = 0; i < roles.size(); i++) {
                String role = roles.get(i);
                GitCheckout checkout = checkouts.get(i);
                try {
                    results.add(request.dryRun()
                            ? new SeedResult.Repo(role, checkout.url(), checkout.branch(), null, false, diff(checkout, byRepo.get(role)))
                            : write(env, role, checkout, byRepo.get(role)));
                } catch (GitException e) {
                    throw partlyPushed(request, results, roles.subList(i, roles.size()), checkouts.subList(i, roles.size()), e);
                }
            }
            return new SeedResult(env.name().name(), request.dryRun(), results);
        } finally {
            checkouts.forEach(GitCheckout::close);
        }
    }

    private SeedResult.Repo write(Environment env, String role, GitCheckout checkout, List<RenderedFile> files) {
        for (int attempt = 1; attempt <= PUSH_ATTEMPTS; attempt++) {
            List<Change.Git> changes = diff(checkout, files);
            changes.stream().filter(Change.Git::drifted).forEach(c -> progress.warn(role + ": " + c.path()
                    + " differs from the template and is not merged; left as it is (drift)"));
            List<Change.Git> writes = changes.stream().filter(c -> c.action() != io.aksflux.plan.Action.NONE).toList();
            writes.forEach(c -> checkout.write(c.path(), c.content()));
            Optional<String> commit = writes.isEmpty() ? Optional.empty()
                    : checkout.commit(message(env.name().name(), writes), env.gitAuthor());
            if (commit.isEmpty()) {
                progress.info(role + ": up to date on " + checkout.branch() + ", nothing to commit");
                return new SeedResult.Repo(role, checkout.url(), checkout.branch(), null, false, changes);
            }
            if (checkout.push()) {
                progress.info(role + ": pushed " + commit.get() + " to " + checkout.branch());
                progress.pushed(role, checkout.url(), checkout.branch(), commit.get());
                return new SeedResult.Repo(role, checkout.url(), checkout.branch(), commit.get(), true, changes);
            }
            progress.info(role + ": " + checkout.branch() + " moved on meanwhile; re-seeding on its new head (attempt "
                    + attempt + " of " + PUSH_ATTEMPTS + ")");
            checkout.reset();
        }
        throw new GitException("push to " + checkout.url() + " branch " + checkout.branch() + " was rejected "
                + PUSH_ATTEMPTS + " times because others kept pushing; nothing of this seed was pushed there, re-run it");
    }

    /**
     * A failure after an earlier repository was pushed: that push stays (re-running converges, nothing is written
     * twice), and the message says which repositories hold the seed, which do not, and that re-running completes it.
     */
    private static GitException partlyPushed(Request request, List<SeedResult.Repo> done, List<String> notPushedRoles,
                                             List<GitCheckout> notPushed, GitException failure) {
        List<SeedResult.Repo> pushed = done.stream().filter(SeedResult.Repo::pushed).toList();
        if (pushed.isEmpty()) {
            return failure;
        }
        StringBuilder message = new StringBuilder(failure.getMessage()).append("\nThe seed is only partly pushed:");
        pushed.forEach(r -> message.append("\n  ").append(r.repo()).append(" (").append(r.url()).append(") pushed to ")
                .append(r.branch()).append(" as ").append(r.commit()));
        for (int i = 0; i < notPushed.size(); i++) {
            message.append("\n  ").append(notPushedRoles.get(i)).append(" (").append(notPushed.get(i).url()).append(") not pushed to ")
                    .append(notPushed.get(i).branch());
        }
        message.append("\nRe-running `aksflux seed ").append(request.environment().name().name())
                .append(request.reviewBranch() == null ? "" : " --branch " + request.reviewBranch())
                .append("` completes it; what is already pushed is not written again.");
        return new GitException(message.toString());
    }

    private static List<Change.Git> diff(GitCheckout checkout, List<RenderedFile> files) {
        return files.stream().map(f -> FileDiff.of(f, checkout.read(f.path()))).toList();
    }

    /** {@code aksflux: seed snd4}, then one line per file written. */
    static String message(String environment, List<Change.Git> writes) {
        StringBuilder message = new StringBuilder("aksflux: seed ").append(environment).append("\n\n");
        writes.forEach(c -> message.append(c.action().wire()).append(' ').append(c.path()).append('\n'));
        return message.toString();
    }
}
