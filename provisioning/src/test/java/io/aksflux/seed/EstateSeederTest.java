package io.aksflux.seed;

import io.aksflux.change.SeedResult;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import io.aksflux.error.GitException;
import io.aksflux.error.SeedRefusedException;
import io.aksflux.git.GitRemote;
import io.aksflux.kustomize.Kubectl;
import io.aksflux.support.CountingGitRemote;
import io.aksflux.support.GitRepos;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.ReferencePlatform;
import io.aksflux.support.SeedFixture;
import io.aksflux.support.Workspaces;
import io.aksflux.template.TemplateSource;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A rebuild of several environments seeds them as one: each repository cloned once, one commit and one push for all. */
class EstateSeederTest {
    private static final List<String> NINE = List.of("dev1", "prd1", "pre1", "snd1", "snd2", "snd3", "snd4", "tst1", "tst2");

    @TempDir
    Path dir;

    private final RecordingProgress progress = new RecordingProgress();

    @Test
    void nine_environments_make_exactly_one_commit_and_one_push_per_repository_listing_the_nine() {
        SeedFixture repos = new SeedFixture(dir);
        CountingGitRemote git = new CountingGitRemote(SeedFixture.localRemote());
        Workspace workspace = Workspaces.shipped();

        List<EstateSeeder.Outcome> outcomes = seed(workspace, environments(workspace, repos.overrides()), git);

        for (Path repo : List.of(repos.core, repos.services)) {
            String url = GitRepos.url(repo);
            assertThat(git.clones(url)).as(url).isEqualTo(1);
            assertThat(git.pushes(url)).as(url).isEqualTo(1);
            List<RevCommit> log = GitRepos.log(repo, "main");
            assertThat(log).extracting(RevCommit::getShortMessage)
                    .containsExactly("aksflux: seed " + String.join(", ", NINE), "existing content");
            assertThat(outcomes).as("each environment's result names the commit holding its files").allSatisfy(o ->
                    assertThat(o.result().orElseThrow().repos()).filteredOn(r -> r.url().equals(url))
                            .singleElement().satisfies(r -> assertThat(r.commit()).isEqualTo(log.get(0).getId().name())));
        }
        assertThat(outcomes).extracting(EstateSeeder.Outcome::environment).containsExactlyElementsOf(NINE);
        assertThat(git.open()).as("every working copy deleted").isZero();
        for (EstateSeeder.Outcome outcome : outcomes) {
            for (SeedResult.Repo repo : outcome.result().orElseThrow().repos()) {
                Path bare = repo.repo().equals("core") ? repos.core : repos.services;
                repo.writes().forEach(c -> assertThat(GitRepos.read(bare, "main", c.path())).as(c.path()).isPresent());
            }
        }
        assertThat(GitRepos.read(repos.core, "main", "clusters/snd/04/kustomization.yaml")).isPresent();
        assertThat(GitRepos.read(repos.core, "main", "clusters/prd/01/kustomization.yaml")).isPresent();
    }

    @Test
    void a_team_commit_pushed_between_prepare_and_push_is_kept_and_the_seed_lands_on_top() {
        SeedFixture repos = new SeedFixture(dir);
        AtomicBoolean first = new AtomicBoolean(true);
        String core = GitRepos.url(repos.core);
        CountingGitRemote git = new CountingGitRemote(SeedFixture.localRemote(), url -> {
            if (url.equals(core) && first.getAndSet(false)) {
                GitRepos.commit(repos.core, Map.of("team/notes.md", "# team b\n"), "team b");
            }
        });
        Workspace workspace = Workspaces.shipped();

        List<EstateSeeder.Outcome> outcomes = seed(workspace, environments(workspace, repos.overrides()), git);

        List<RevCommit> log = GitRepos.log(repos.core, "main");
        assertThat(log).extracting(RevCommit::getShortMessage)
                .containsExactly("aksflux: seed " + String.join(", ", NINE), "team b", "existing content");
        assertThat(GitRepos.read(repos.core, "main", "team/notes.md")).contains("# team b\n");
        assertThat(git.clones(core)).as("reset to the new head, not cloned again").isEqualTo(1);
        assertThat(git.pushes(core)).as("refused once, then pushed").isEqualTo(2);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.result().orElseThrow().repos().get(0).commit()).isEqualTo(log.get(0).getId().name()));
        assertThat(progress.lines()).contains("core: main moved on meanwhile; re-seeding on its new head (attempt 1 of 5)");
    }

    @Test
    void an_environment_whose_seed_breaks_a_build_fails_alone_writes_nothing_and_the_other_eight_are_seeded() throws Exception {
        ReferencePlatform platform = ReferencePlatform.create(dir.resolve("platform"));
        Workspace workspace = new Workspace(Workspaces.environments(), TemplateSource.directory(templatesWith("second-automation")), Map.of());
        List<String> overrides = new ArrayList<>(platform.repositoryOverrides());
        overrides.addAll(List.of("git.author.name=Platform Team", "git.author.email=platform@example.com"));
        List<Environment> envs = new ArrayList<>();
        for (String name : NINE) {
            List<String> own = new ArrayList<>(overrides);
            if (name.equals("snd3")) {
                own.add("layout=second-automation"); // its core part is fine, its services part breaks the snd base
            }
            envs.add(workspace.environment(name, own));
        }

        Optional<String> snd3Cluster = GitRepos.read(platform.core(), "main", "clusters/snd/03/kustomization.yaml");

        List<EstateSeeder.Outcome> outcomes = seed(workspace, envs, new CountingGitRemote(SeedFixture.localRemote()));

        EstateSeeder.Outcome snd3 = outcomes.get(NINE.indexOf("snd3"));
        assertThat(snd3.failure()).get().isInstanceOf(SeedRefusedException.class).extracting(Throwable::getMessage).asString()
                .startsWith("seed of snd3 refused").contains("services/environments/snd/base builds today and would fail");
        List<String> eight = NINE.stream().filter(n -> !n.equals("snd3")).toList();
        assertThat(outcomes).filteredOn(o -> !o.environment().equals("snd3"))
                .allSatisfy(o -> assertThat(o.failure()).as(o.environment()).isEmpty());
        assertThat(GitRepos.log(platform.core(), "main")).extracting(RevCommit::getShortMessage)
                .containsExactly("aksflux: seed " + String.join(", ", eight), "Snapshot of adp-flux-core (reference/adp-platform)");
        assertThat(GitRepos.log(platform.services(), "main")).extracting(RevCommit::getShortMessage)
                .as("the eight already have their services folders in the reference platform; snd3's would break it")
                .containsExactly("Snapshot of adp-flux-services (reference/adp-platform)");
        assertThat(GitRepos.read(platform.core(), "main", "clusters/snd/03/kustomization.yaml"))
                .as("its core part was fine, and is not written either").isEqualTo(snd3Cluster);
        assertThat(GitRepos.read(platform.core(), "main", "clusters/snd/04/kustomization.yaml")).isPresent();
    }

    @Test
    void an_environment_only_the_real_kustomize_refuses_once_written_is_taken_out_of_the_working_copy_again() throws Exception {
        SeedFixture repos = new SeedFixture(dir);
        Workspace workspace = new Workspace(Workspaces.environments(), TemplateSource.directory(templatesWith("kubectl-only")), Map.of());
        List<Environment> envs = new ArrayList<>();
        for (String name : NINE) {
            envs.add(name.equals("snd3") ? workspace.environment(name, repos.overrides("layout=kubectl-only", "seed.verify=kubectl"))
                    : workspace.environment(name, repos.overrides()));
        }

        List<EstateSeeder.Outcome> outcomes = seed(workspace, envs, new CountingGitRemote(SeedFixture.localRemote()));

        assertThat(outcomes.get(NINE.indexOf("snd3")).failure()).get().extracting(Throwable::getMessage).asString()
                .contains("kustomization infra/snd/03 (new) would not build").contains("[kubectl]");
        List<String> eight = NINE.stream().filter(n -> !n.equals("snd3")).toList();
        assertThat(GitRepos.log(repos.core, "main")).extracting(RevCommit::getShortMessage)
                .containsExactly("aksflux: seed " + String.join(", ", eight), "existing content");
        assertThat(GitRepos.read(repos.core, "main", "infra/snd/03/kustomization.yaml")).as("written, found broken, taken out").isEmpty();
        assertThat(GitRepos.read(repos.core, "main", "infra/snd/03/settings.yaml")).isEmpty();
        assertThat(GitRepos.read(repos.core, "main", "clusters/snd/04/kustomization.yaml")).isPresent();
    }

    @Test
    void seeding_the_estate_again_makes_no_commit_and_no_push() {
        SeedFixture repos = new SeedFixture(dir);
        Workspace workspace = Workspaces.shipped();
        List<Environment> envs = environments(workspace, repos.overrides());
        seed(workspace, envs, SeedFixture.localRemote());
        CountingGitRemote git = new CountingGitRemote(SeedFixture.localRemote());

        List<EstateSeeder.Outcome> again = seed(workspace, envs, git);

        assertThat(git.pushes()).isZero();
        assertThat(GitRepos.log(repos.core, "main")).hasSize(2);
        assertThat(GitRepos.log(repos.services, "main")).hasSize(2);
        assertThat(again).allSatisfy(o -> assertThat(o.result().orElseThrow().hasChanges()).isFalse());
    }

    @Test
    void a_refused_push_fails_the_environments_of_that_repository_saying_what_was_pushed_elsewhere() {
        SeedFixture repos = new SeedFixture(dir);
        String services = GitRepos.url(repos.services);
        GitRemote refusing = new CountingGitRemote(SeedFixture.localRemote(), url -> {
            if (url.equals(services)) {
                throw new GitException("push to " + url + " branch main was refused: protected branch");
            }
        });
        Workspace workspace = Workspaces.shipped();

        List<EstateSeeder.Outcome> outcomes = seed(workspace, environments(workspace, repos.overrides()), refusing);

        String core = GitRepos.log(repos.core, "main").get(0).getId().name();
        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).get().extracting(Throwable::getMessage).asString()
                .startsWith("push to " + services + " branch main was refused: protected branch\nThe seed is only partly pushed:\n")
                .contains("core (" + GitRepos.url(repos.core) + ") pushed to main as " + core)
                .contains("services (" + services + ") not pushed to main")
                .endsWith("Seeding " + o.environment() + " again completes it; what is already pushed is not written again."));
        assertThat(GitRepos.log(repos.services, "main")).hasSize(1);
    }

    private List<EstateSeeder.Outcome> seed(Workspace workspace, List<Environment> envs, GitRemote git) {
        return workspace.seed(envs, workspace::desired, new Workspace.SeedOptions(false, null), git,
                Kubectl.onPath(System.getenv("PATH")), name -> progress);
    }

    private static List<Environment> environments(Workspace workspace, List<String> overrides) {
        assertThat(workspace.environmentNames()).containsExactlyElementsOf(NINE);
        return NINE.stream().map(name -> workspace.environment(name, overrides)).toList();
    }

    /** The shipped layouts and one of the guard's test layouts, in one template folder. */
    private Path templatesWith(String layout) throws URISyntaxException, IOException {
        Path templates = dir.resolve("templates");
        copy(Workspaces.templates(), templates);
        copy(Path.of(EstateSeederTest.class.getResource("/guard-templates/" + layout).toURI()), templates.resolve(layout));
        return templates;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(f -> {
                try {
                    Path target = to.resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
