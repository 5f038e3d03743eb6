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
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The environment's repository files. A plan compares each rendered file with the repository's ({@link FileDiff}).
 * Applied, the {@link Seeder} compares on the working copies it pushes from and commits only what differs, so it
 * {@linkplain #comparesWhenWriting compares when writing}; a seed done beforehand (an estate seeds every environment
 * first) is reported, not repeated. The commit it pushed to the flux configuration's source is kept for converge.
 */
final class SeedStep implements Step {
    private final Environment env;
    private final List<RenderedFile> files;
    private final Supplier<Seeder> seeder;
    private final Optional<SeedResult> alreadySeeded;
    private final Supplier<String> paths;
    private final Progress progress;
    private Optional<String> sourceCommit = Optional.empty();

    /** @param paths the kustomization paths check, run once seeding is done */
    SeedStep(Environment env, List<RenderedFile> files, Supplier<Seeder> seeder, Optional<SeedResult> alreadySeeded,
             Supplier<String> paths, Progress progress) {
        this.env = env;
        this.files = files;
        this.seeder = seeder;
        this.alreadySeeded = alreadySeeded;
        this.paths = paths;
        this.progress = progress;
    }

    @Override
    public List<Change> plan(ActualState actual) {
        return actual.reads("git")
                ? files.stream().<Change>map(f -> FileDiff.of(f, actual.repositoryFile(f.repo(), f.path()))).toList()
                : List.of();
    }

    @Override
    public boolean comparesWhenWriting() {
        return true;
    }

    @Override
    public ApplyResult.StageResult apply(List<Change> planned) {
        SeedResult seeded = alreadySeeded.orElseGet(() -> seeder.get().seed(new Seeder.Request(env, files, null, false)));
        sourceCommit = seeded.repos().stream().filter(r -> r.repo().equals(env.flux().sourceRepo()) && r.commit() != null)
                .map(SeedResult.Repo::commit).findFirst();
        progress.seeded(seeded);
        String commits = seeded.repos().stream().filter(r -> r.commit() != null)
                .map(r -> r.repo() + " " + r.commit().substring(0, 12)).collect(Collectors.joining(", "));
        return new ApplyResult.StageResult(Stage.SEED.label(), seeded.hasChanges() ? "changed" : "unchanged",
                (commits.isEmpty() ? "nothing to commit" : "pushed " + commits) + "; " + paths.get());
    }

    /** The commit this run's seed pushed to the flux configuration's source repository, if it pushed one. */
    Optional<String> sourceCommit() {
        return sourceCommit;
    }
}
