package io.aksflux.apply;

import io.aksflux.base.Progress;
import io.aksflux.change.Change;
import io.aksflux.change.SeedResult;
import io.aksflux.environment.Environment;
import io.aksflux.plan.ActualState;
import io.aksflux.seed.FileDiff;
import io.aksflux.seed.Seeder;
import io.aksflux.template.RenderedFile;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The environment's repository files. A plan compares each rendered file with the repository's ({@link FileDiff}).
 * Applied, the plan is the {@link Seeder}'s prepared seed: each repository cloned once, compared, checked and written
 * into its working copy; apply pushes those same working copies, and a seed with nothing to write pushes nothing. A
 * seed done beforehand (an estate seeds every environment first) is reported, not repeated. The commit it pushed to
 * the flux configuration's source is kept for converge.
 */
final class SeedStep implements Step {
    private final Environment env;
    private final List<RenderedFile> files;
    private final Optional<Seeder> seeder;
    private final Optional<SeedResult> alreadySeeded;
    private final Function<Optional<Seeder.Prepared>, String> paths;
    private final Progress progress;
    private Seeder.Prepared prepared;
    private Optional<String> sourceCommit = Optional.empty();

    /**
     * @param seeder what apply prepares and pushes with; empty in a plan, which reads the repositories through its actual state
     * @param paths  the kustomization paths check, run once seeding is done, on the working copies pushed from if any
     */
    SeedStep(Environment env, List<RenderedFile> files, Optional<Seeder> seeder, Optional<SeedResult> alreadySeeded,
             Function<Optional<Seeder.Prepared>, String> paths, Progress progress) {
        this.env = env;
        this.files = files;
        this.seeder = seeder;
        this.alreadySeeded = alreadySeeded;
        this.paths = paths;
        this.progress = progress;
    }

    @Override
    public List<Change> plan(ActualState actual) {
        if (alreadySeeded.isPresent()) {
            return List.copyOf(alreadySeeded.get().changes());
        }
        if (seeder.isPresent()) {
            close();
            prepared = seeder.get().prepare(new Seeder.Request(env, files, null, false));
            return List.copyOf(prepared.changes());
        }
        return actual.reads("git")
                ? files.stream().<Change>map(f -> FileDiff.of(f, actual.repositoryFile(f.repo(), f.path()))).toList()
                : List.of();
    }

    @Override
    public ApplyResult.StageResult apply(List<Change> planned) {
        try {
            SeedResult seeded = seeded();
            return new ApplyResult.StageResult(Stage.SEED.label(), seeded.hasChanges() ? "changed" : "unchanged", detail(seeded));
        } finally {
            close();
        }
    }

    /** Nothing to write: the prepared seed still says each repository is up to date (and pushes nothing). */
    @Override
    public String unchanged(List<Change> planned) {
        try {
            return detail(seeded());
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (prepared != null) {
            prepared.close();
            prepared = null;
        }
    }

    /** The commit this run's seed pushed to the flux configuration's source repository, if it pushed one. */
    Optional<String> sourceCommit() {
        return sourceCommit;
    }

    /** What the plan prepared, pushed, or the seed done beforehand; reported either way. */
    private SeedResult seeded() {
        SeedResult seeded = alreadySeeded.orElseGet(() -> {
            if (prepared == null) {
                throw new IllegalStateException("the seed of " + env.name().name() + " is applied from its plan; plan it first");
            }
            return seeder.orElseThrow().push(prepared);
        });
        sourceCommit = seeded.repos().stream().filter(r -> r.repo().equals(env.flux().sourceRepo()) && r.commit() != null)
                .map(SeedResult.Repo::commit).findFirst();
        progress.seeded(seeded);
        return seeded;
    }

    private String detail(SeedResult seeded) {
        String commits = seeded.repos().stream().filter(r -> r.commit() != null)
                .map(r -> r.repo() + " " + r.commit().substring(0, 12)).collect(Collectors.joining(", "));
        return (commits.isEmpty() ? "nothing to commit" : "pushed " + commits) + "; " + paths.apply(Optional.ofNullable(prepared));
    }
}
