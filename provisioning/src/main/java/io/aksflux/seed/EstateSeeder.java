package io.aksflux.seed;

import io.aksflux.base.Progress;
import io.aksflux.change.Action;
import io.aksflux.change.Change;
import io.aksflux.change.SeedResult;
import io.aksflux.environment.Environment;
import io.aksflux.error.GitException;
import io.aksflux.error.SeedRefusedException;
import io.aksflux.git.GitCheckout;
import io.aksflux.git.GitRemote;
import io.aksflux.kustomize.Kubectl;
import io.aksflux.template.RenderedFile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One seed for several environments, as an estate rebuild needs: each repository (URL and branch) is cloned once,
 * every environment's files are compared, checked ({@link SeedGuard}, {@code seed.like}) and written into that one
 * working copy, environment after environment, and each repository gets one commit naming them all, pushed once. The
 * rules are {@link Seeder}'s, through its own pieces ({@link Seeder#check}, {@link Seeder#pushRetrying}): a seed only
 * adds, drift is left as it is, a push refused because the branch moved on is prepared again on the new head, for
 * every environment, so what others pushed meanwhile is kept.
 * <p>
 * An environment is seeded whole or not at all: one whose seed is refused in any of its repositories writes nothing
 * (a working copy it already wrote to is reset and prepared again without it); the others go on. A push that fails
 * fails the environments of that repository, saying what of theirs was pushed elsewhere.
 */
public final class EstateSeeder {
    private final GitRemote remote;
    private final Optional<Kubectl> kubectl;

    /** @param kubectl what {@code seed.verify: kubectl} runs (empty: that option is refused) */
    public EstateSeeder(GitRemote remote, Optional<Kubectl> kubectl) {
        this.remote = remote;
        this.kubectl = kubectl;
    }

    /** One environment's share of the estate's seed: what its files did and the commits holding them, or why it failed. */
    public record Outcome(String environment, Optional<SeedResult> result, Optional<RuntimeException> failure) {
        public static Outcome seeded(SeedResult result) {
            return new Outcome(result.environment(), Optional.of(result), Optional.empty());
        }

        public static Outcome failed(String environment, RuntimeException failure) {
            return new Outcome(environment, Optional.empty(), Optional.of(failure));
        }
    }

    /**
     * Seeds every request's files, one commit per repository; the outcomes come in the order of the requests.
     *
     * @param progress where each environment (by name) hears of its seed
     */
    public List<Outcome> seed(List<Seeder.Request> requests, Function<String, Progress> progress) {
        List<Member> members = requests.stream().map(r -> new Member(r, progress.apply(r.environment().name().name()), kubectl)).toList();
        Map<String, Group> groups = groups(members);
        try {
            groups.values().forEach(this::cloneOnce);
            prepare(members, groups.values());
            groups.values().forEach(group -> push(group, members));
            return members.stream().map(Member::outcome).toList();
        } finally {
            groups.values().forEach(Group::close);
        }
    }

    /** The repositories the requests write to, by URL and branch, each with every environment's files for it. */
    private static Map<String, Group> groups(List<Member> members) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Member member : members) {
            Map<String, List<RenderedFile>> byRole = new LinkedHashMap<>();
            member.request.files().forEach(f -> byRole.computeIfAbsent(f.repo(), r -> new ArrayList<>()).add(f));
            byRole.forEach((role, files) -> {
                Environment.Repository configured = member.request.environment().repos().byRole(role);
                String branch = member.request.reviewBranch() == null ? configured.branch() : member.request.reviewBranch();
                Group group = groups.computeIfAbsent(configured.url() + "\n" + branch,
                        key -> new Group(configured.url(), branch, configured.branch()));
                Part part = new Part(member, role, files, group);
                group.parts.add(part);
                member.parts.add(part);
            });
        }
        return groups;
    }

    /** Clones the repository once for all; an unreachable one fails the environments that write to it. */
    private void cloneOnce(Group group) {
        try {
            group.checkout = remote.checkout(group.url, group.branch, group.startFrom);
        } catch (RuntimeException e) {
            group.parts.forEach(p -> p.member.fail(e));
        }
    }

    /**
     * Writes the files of each environment still seeding into the working copies of {@code scope}, environment after
     * environment: all its repositories are checked before any is written, so a refused environment writes nothing.
     */
    private static void prepare(List<Member> members, Collection<Group> scope) {
        for (Member member : members) {
            List<Part> parts = member.parts.stream().filter(p -> scope.contains(p.group) && p.group.checkout != null).toList();
            if (!member.live() || parts.isEmpty()) {
                continue;
            }
            List<Seeder.Checked> checks = new ArrayList<>();
            try {
                for (Part part : parts) {
                    checks.add(Seeder.check(part.role, part.group.checkout, part.files, member.like, member.guard, member.progress));
                }
                List<SeedRefusedException.Breakage> breakages = new ArrayList<>(checks.stream().flatMap(c -> c.breakages().stream()).toList());
                for (int i = 0; i < parts.size() && breakages.isEmpty(); i++) {
                    parts.get(i).changes = checks.get(i).changes();
                    if (checks.get(i).writes()) {
                        parts.get(i).group.written.add(member);
                        breakages.addAll(checks.get(i).write()); // what only the real kustomize sees once written
                    }
                }
                if (!breakages.isEmpty()) {
                    member.fail(new SeedRefusedException(member.name, breakages));
                }
            } catch (RuntimeException e) { // a path refused in its folders, say: this environment's failure alone
                member.fail(e);
            } finally {
                checks.forEach(Seeder.Checked::close);
            }
        }
    }

    /** Commits and pushes what the environments still seeding wrote to this repository, once, retried as a seed is. */
    private void push(Group group, List<Member> members) {
        if (group.checkout == null) {
            return; // its clone failed, and with it its environments
        }
        try {
            settle(group, members);
            List<Part> live = group.live();
            if (live.isEmpty() || live.get(0).member.request.dryRun()) {
                return;
            }
            Optional<String> commit = Seeder.pushRetrying(live.get(0).role, group.checkout, fanOut(live), () -> commit(group), () -> {
                group.written.clear();
                prepare(members, List.of(group));
                settle(group, members);
            });
            commit.ifPresent(c -> writing(group).forEach(p -> p.commit = c));
        } catch (GitException e) {
            for (Part failed : group.live()) {
                Member member = failed.member;
                List<SeedResult.Repo> pushed = member.parts.stream().filter(p -> p.commit != null).map(Part::result).toList();
                List<SeedResult.Repo> notPushed = member.parts.stream().filter(p -> p.commit == null && (p.group == group || !p.writes().isEmpty()))
                        .map(Part::result).toList();
                member.fail(Seeder.partlyPushed(member.name, member.request.reviewBranch(), pushed, notPushed, e));
            }
        }
    }

    /** While the working copy holds files of an environment that failed since, it starts again from the head without them. */
    private static void settle(Group group, List<Member> members) {
        while (group.written.stream().anyMatch(m -> !m.live())) {
            group.checkout.reset();
            group.written.clear();
            prepare(members, List.of(group));
        }
    }

    /** {@code aksflux: seed snd1, snd2, dev1}, then each file written once; empty when nobody writes here. */
    private static Optional<String> commit(Group group) {
        group.live().forEach(p -> Seeder.warnDrift(p.role, p.changes, p.member.progress));
        List<Part> writing = writing(group);
        if (writing.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Change.Git> writes = new LinkedHashMap<>();
        writing.forEach(p -> p.writes().forEach(c -> writes.putIfAbsent(c.path(), c)));
        String names = writing.stream().map(p -> p.member.name).distinct().collect(Collectors.joining(", "));
        return group.checkout.commit(Seeder.message(names, List.copyOf(writes.values())), writing.get(0).member.request.environment().gitAuthor());
    }

    private static List<Part> writing(Group group) {
        return group.live().stream().filter(p -> !p.writes().isEmpty()).toList();
    }

    /** The repository's news for every environment seeding there. */
    private static Progress fanOut(List<Part> parts) {
        List<Progress> all = parts.stream().map(p -> p.member.progress).distinct().toList();
        return new Progress() {
            @Override
            public void stage(String stage, String detail) {
                all.forEach(p -> p.stage(stage, detail));
            }

            @Override
            public void info(String message) {
                all.forEach(p -> p.info(message));
            }

            @Override
            public void warn(String message) {
                all.forEach(p -> p.warn(message));
            }

            @Override
            public void pushed(String repo, String url, String branch, String commit) {
                all.forEach(p -> p.pushed(repo, url, branch, commit));
            }
        };
    }

    /** One environment of the estate's seed: its request, how it checks and copies, its repositories, and its failure. */
    private static final class Member {
        final Seeder.Request request;
        final String name;
        final Progress progress;
        final SeedGuard guard;
        final Optional<InstanceCopy> like;
        final List<Part> parts = new ArrayList<>();
        private RuntimeException failure;

        Member(Seeder.Request request, Progress progress, Optional<Kubectl> kubectl) {
            this.request = request;
            this.name = request.environment().name().name();
            this.progress = progress;
            this.guard = Seeder.guard(request.environment(), kubectl);
            this.like = Seeder.like(request.environment());
        }

        boolean live() {
            return failure == null;
        }

        void fail(RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
        }

        Outcome outcome() {
            return failure != null ? Outcome.failed(name, failure)
                    : Outcome.seeded(new SeedResult(name, request.dryRun(), parts.stream().map(Part::result).toList()));
        }
    }

    /** One environment's files for one repository, what they did there and the commit holding them. */
    private static final class Part {
        final Member member;
        final String role;
        final List<RenderedFile> files;
        final Group group;
        List<Change.Git> changes = List.of();
        String commit;

        Part(Member member, String role, List<RenderedFile> files, Group group) {
            this.member = member;
            this.role = role;
            this.files = files;
            this.group = group;
        }

        List<Change.Git> writes() {
            return changes.stream().filter(c -> c.action() != Action.NONE).toList();
        }

        SeedResult.Repo result() {
            return new SeedResult.Repo(role, group.checkout.url(), group.checkout.branch(), commit, commit != null, changes);
        }
    }

    /** One repository and branch: its working copy, cloned once, and every environment's part in it. */
    private static final class Group {
        final String url;
        final String branch;
        final String startFrom;
        final List<Part> parts = new ArrayList<>();
        /** The environments whose files the working copy holds now. */
        final java.util.Set<Member> written = new java.util.LinkedHashSet<>();
        GitCheckout checkout;

        Group(String url, String branch, String startFrom) {
            this.url = url;
            this.branch = branch;
            this.startFrom = startFrom;
        }

        List<Part> live() {
            return parts.stream().filter(p -> p.member.live()).toList();
        }

        void close() {
            if (checkout != null) {
                checkout.close();
            }
        }
    }
}
