package io.aksflux.apply;

import io.aksflux.change.SeedResult;
import io.aksflux.desired.DesiredState;
import io.aksflux.environment.Environment;
import io.aksflux.error.GitException;
import io.aksflux.error.SeedRefusedException;
import io.aksflux.secret.SecretResolver;
import io.aksflux.secret.SecretSource;
import io.aksflux.seed.Seeder;
import io.aksflux.support.CountingGitRemote;
import io.aksflux.support.FakeArm;
import io.aksflux.support.InMemoryRepos;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.SimulatedTicker;
import io.aksflux.support.Workspaces;
import io.aksflux.template.RenderedFile;
import io.aksflux.template.TemplateSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seed is a step like the others: its plan clones each repository once and prepares the seed in those working
 * copies (compared, checked, written), the runner applies it only when a file differs, and its apply pushes the same
 * working copies. However the apply ends, no working copy is left behind.
 */
class ApplySeedClonesOnceTest {
    @TempDir
    Path dir;
    private final SimulatedTicker ticker = new SimulatedTicker();
    private final RecordingProgress progress = new RecordingProgress();
    private InMemoryRepos repos;
    private Environment snd4;
    private FakeArm arm;

    @BeforeEach
    void repositories() {
        repos = new InMemoryRepos(dir);
        snd4 = repos.environment("snd4");
        arm = FakeArm.healthy(snd4).syncing(() -> repos.remote.head(repos.core, "main").orElseThrow());
    }

    private DesiredState desired(Environment env) {
        return DesiredState.of(env, TemplateSource.directory(Workspaces.templates()));
    }

    private ApplyResult apply(CountingGitRemote git, Environment env, FakeArm on, Optional<SeedResult> alreadySeeded) {
        return new Provisioner(on, git, ticker.pacing(), progress).apply(new ApplyRequest(env, desired(env), Set.of(), true,
                Duration.ofMinutes(20), false, false, new SecretResolver(Map.of(), SecretSource.NONE), alreadySeeded));
    }

    private ApplyResult apply(CountingGitRemote git) {
        return apply(git, snd4, arm, Optional.empty());
    }

    private static ApplyResult.StageResult seedStage(ApplyResult result) {
        return result.stages().stream().filter(s -> s.stage().equals(Stage.SEED.label())).findFirst().orElseThrow();
    }

    private String head(String url) {
        return repos.remote.head(url, "main").orElseThrow();
    }

    private String pathsChecked() {
        return "every kustomization path exists in " + repos.core + " at main";
    }

    @Test
    void a_first_apply_clones_each_repository_once_and_pushes_each_once() {
        CountingGitRemote git = new CountingGitRemote(repos.remote);

        ApplyResult result = apply(git);

        assertThat(git.clones(repos.core)).isEqualTo(1);
        assertThat(git.clones(repos.services)).isEqualTo(1);
        assertThat(git.pushes(repos.core)).isEqualTo(1);
        assertThat(git.pushes(repos.services)).isEqualTo(1);
        assertThat(git.open()).isZero();
        assertThat(seedStage(result)).isEqualTo(new ApplyResult.StageResult("seed", "changed", "pushed core "
                + head(repos.core).substring(0, 12) + ", services " + head(repos.services).substring(0, 12) + "; " + pathsChecked()));
        assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.CONVERGED);
    }

    @Test
    void a_re_apply_with_nothing_to_write_clones_each_repository_once_and_pushes_nothing() {
        apply(new CountingGitRemote(repos.remote));
        CountingGitRemote git = new CountingGitRemote(repos.remote);

        ApplyResult second = apply(git);

        assertThat(git.clones(repos.core)).isEqualTo(1);
        assertThat(git.clones(repos.services)).isEqualTo(1);
        assertThat(git.pushes()).isZero();
        assertThat(git.open()).isZero();
        assertThat(seedStage(second)).isEqualTo(new ApplyResult.StageResult("seed", "unchanged", "nothing to commit; " + pathsChecked()));
        assertThat(second.wroteAnything()).isFalse();
        assertThat(progress.lines()).contains("core: up to date on main, nothing to commit", "services: up to date on main, nothing to commit");
        assertThat(repos.remote.log(repos.core, "main")).hasSize(2);
        assertThat(repos.remote.log(repos.services, "main")).hasSize(2);
    }

    @Test
    void only_the_repository_whose_files_differ_is_pushed() {
        Map<String, String> coreFiles = desired(snd4).files().stream().filter(f -> f.repo().equals("core"))
                .collect(Collectors.toMap(RenderedFile::path, RenderedFile::content));
        repos.remote.commit(repos.core, "main", coreFiles, "core seeded by hand");
        CountingGitRemote git = new CountingGitRemote(repos.remote);

        ApplyResult result = apply(git);

        assertThat(git.clones(repos.core)).isEqualTo(1);
        assertThat(git.clones(repos.services)).isEqualTo(1);
        assertThat(git.pushes(repos.core)).isZero();
        assertThat(git.pushes(repos.services)).isEqualTo(1);
        assertThat(repos.remote.log(repos.core, "main").get(0).message()).isEqualTo("core seeded by hand");
        assertThat(seedStage(result).detail()).startsWith("pushed services " + head(repos.services).substring(0, 12) + ";");
    }

    @Test
    void a_branch_that_moved_on_before_the_push_is_prepared_again_on_its_new_head_and_pushed_without_a_second_clone() {
        AtomicInteger pushes = new AtomicInteger();
        CountingGitRemote git = new CountingGitRemote(repos.remote, url -> {
            if (url.equals(repos.core) && pushes.getAndIncrement() == 0) {
                repos.remote.commit(repos.core, "main", Map.of("team-b/notes.md", "team b\n"), "team b");
            }
        });

        ApplyResult result = apply(git);

        assertThat(repos.remote.log(repos.core, "main")).extracting(c -> c.message().lines().findFirst().orElseThrow())
                .containsExactly("aksflux: seed snd4", "team b", "existing content");
        assertThat(repos.remote.read(repos.core, "main", "team-b/notes.md")).contains("team b\n");
        assertThat(repos.remote.read(repos.core, "main", "clusters/snd/04/kustomization.yaml")).isPresent();
        assertThat(git.clones(repos.core)).isEqualTo(1);
        assertThat(git.pushes(repos.core)).isEqualTo(2);
        assertThat(git.pushes(repos.services)).isEqualTo(1);
        assertThat(git.open()).isZero();
        assertThat(progress.lines()).contains("core: main moved on meanwhile; re-seeding on its new head (attempt 1 of 5)");
        assertThat(seedStage(result).detail()).startsWith("pushed core " + head(repos.core).substring(0, 12) + ",");
        assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.CONVERGED);
    }

    @Test
    void a_seed_that_would_break_a_build_pushes_nothing_and_stops_apply_before_the_extension_and_the_flux_configuration() {
        Environment env = repos.environment("snd4", "notifications.auth=workloadIdentity");
        String notification = desired(env).files().stream().filter(f -> f.path().equals("services/environments/snd/base/notification.yaml"))
                .findFirst().orElseThrow().content();
        // someone already put the same Provider and Alert into the base under another file name
        repos.remote.commit(repos.services, "main", Map.of(
                "services/environments/snd/base/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - events.yaml\n",
                "services/environments/snd/base/events.yaml", notification), "events by hand");
        FakeArm healthy = FakeArm.healthy(env);
        CountingGitRemote git = new CountingGitRemote(repos.remote);

        assertThatThrownBy(() -> apply(git, env, healthy, Optional.empty()))
                .isInstanceOf(SeedRefusedException.class)
                .hasMessageContaining("kustomization services/environments/snd/base builds today and would fail");

        assertThat(git.pushes()).isZero();
        assertThat(git.clones(repos.core)).isEqualTo(1);
        assertThat(git.clones(repos.services)).isEqualTo(1);
        assertThat(git.open()).isZero();
        assertThat(healthy.writes()).isEmpty();
        assertThat(progress.lines()).contains("stage seed: Git repositories")
                .noneMatch(line -> line.startsWith("stage extension") || line.startsWith("stage flux"));
        assertThat(repos.remote.log(repos.core, "main")).hasSize(1);
    }

    @Test
    void a_push_the_host_refuses_stops_apply_with_every_working_copy_deleted() {
        CountingGitRemote git = new CountingGitRemote(repos.remote, url -> {
            if (url.equals(repos.services)) {
                throw new GitException("push to " + url + " branch main was refused: protected branch");
            }
        });

        assertThatThrownBy(() -> apply(git)).isInstanceOf(GitException.class).hasMessageContaining("The seed is only partly pushed");

        assertThat(git.open()).isZero();
        assertThat(arm.writes()).isEmpty();
        assertThat(dir).isEmptyDirectory(); // the working copies the build checks wrote are gone
    }

    @Test
    void a_seed_done_beforehand_is_reported_as_it_was_and_not_prepared_again() {
        SeedResult seeded = new Seeder(repos.remote, progress, Optional.empty())
                .seed(new Seeder.Request(snd4, desired(snd4).files(), null, false));
        CountingGitRemote git = new CountingGitRemote(repos.remote);

        ApplyResult result = apply(git, snd4, arm, Optional.of(seeded));

        assertThat(git.clones(repos.services)).isZero();
        assertThat(git.clones(repos.core)).isEqualTo(1); // the kustomization paths check, as before
        assertThat(git.pushes()).isZero();
        assertThat(git.open()).isZero();
        assertThat(seedStage(result)).isEqualTo(new ApplyResult.StageResult("seed", "changed", "pushed core "
                + head(repos.core).substring(0, 12) + ", services " + head(repos.services).substring(0, 12) + "; " + pathsChecked()));
    }
}
