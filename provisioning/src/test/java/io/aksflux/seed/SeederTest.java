package io.aksflux.seed;

import io.aksflux.git.GitCheckout;
import io.aksflux.git.GitRemote;
import io.aksflux.seed.KustomizationPaths;
import io.aksflux.seed.Seeder;
import io.aksflux.change.SeedResult;
import io.aksflux.environment.Environment;
import io.aksflux.error.GitException;
import io.aksflux.change.Action;
import io.aksflux.change.Change;
import io.aksflux.support.FluxCrds;
import io.aksflux.support.GitRepos;
import io.aksflux.support.Kubectl;
import io.aksflux.support.Reference;
import io.aksflux.support.SeedFixture;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seeding against real bare repositories in a temporary folder. */
class SeederTest {
    @TempDir
    Path dir;

    @Test
    void a_fresh_environment_is_seeded_beside_the_environments_already_there() {
        SeedFixture repos = new SeedFixture(dir);
        repos.seed("snd1");

        SeedResult result = repos.seed("snd4");

        assertThat(result.repos()).extracting(SeedResult.Repo::repo, SeedResult.Repo::branch, SeedResult.Repo::pushed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("core", "main", true), org.assertj.core.groups.Tuple.tuple("services", "main", true));
        assertThat(result.repos().get(0).changes()).extracting(Change.Git::action, Change.Git::path).contains(
                org.assertj.core.groups.Tuple.tuple(Action.CREATE, "clusters/snd/04/kustomization.yaml"),
                org.assertj.core.groups.Tuple.tuple(Action.NONE, "infra/snd/base/kustomization.yaml"),
                org.assertj.core.groups.Tuple.tuple(Action.NONE, "services/base/repository.yaml"));
        assertThat(GitRepos.read(repos.core, "main", "clusters/snd/01/kustomization.yaml")).isPresent();
        assertThat(GitRepos.read(repos.core, "main", "clusters/snd/04/kustomization.yaml")).isPresent();
        assertThat(GitRepos.read(repos.services, "main", "services/environments/snd/04/kustomization.yaml")).contains(
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nmetadata:\n  name: cluster-base\nresources:\n  - ../base\n  - ps-exec-image-policy.yaml\n");
        RevCommit head = GitRepos.log(repos.core, "main").get(0);
        assertThat(head.getId().name()).isEqualTo(result.repos().get(0).commit());
        assertThat(head.getFullMessage()).startsWith("aksflux: seed snd4\n\n").contains("create clusters/snd/04/kustomization.yaml")
                .doesNotContain("infra/snd/base");
        assertThat(head.getAuthorIdent().getName()).isEqualTo("Platform Team");
        assertThat(head.getAuthorIdent().getEmailAddress()).isEqualTo("platform@example.com");
    }

    @Test
    void second_seed_makes_no_commit() {
        SeedFixture repos = new SeedFixture(dir);
        repos.seed("snd4");
        int core = GitRepos.log(repos.core, "main").size();
        int services = GitRepos.log(repos.services, "main").size();

        SeedResult second = repos.seed("snd4");

        assertThat(second.hasChanges()).isFalse();
        assertThat(second.repos()).allSatisfy(r -> {
            assertThat(r.commit()).isNull();
            assertThat(r.pushed()).isFalse();
        });
        assertThat(GitRepos.log(repos.core, "main")).hasSize(core);
        assertThat(GitRepos.log(repos.services, "main")).hasSize(services);
        assertThat(repos.progress.lines()).contains("core: up to date on main, nothing to commit");
    }

    @Test
    void team_entries_in_base_kustomization_are_kept_in_order() {
        SeedFixture repos = new SeedFixture(dir);
        String existing = """
                # environment-wide resources (scaffolding appends teams below)
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - ../../../teams/zeta   # added by hand
                  - ../../../teams/alpha
                """;
        GitRepos.commit(repos.services, "main", Map.of("services/environments/snd/base/kustomization.yaml", existing), "teams");

        SeedResult result = repos.seed("snd4");

        String merged = GitRepos.read(repos.services, "main", "services/environments/snd/base/kustomization.yaml").orElseThrow();
        assertThat(merged).isEqualTo(existing + "  - image-update.yaml\n  - notification.yaml\n");
        assertThat(result.repos().get(1).changes()).extracting(Change.Git::action, Change.Git::path)
                .contains(org.assertj.core.groups.Tuple.tuple(Action.UPDATE, "services/environments/snd/base/kustomization.yaml"));
        assertThat(repos.seed("snd4").hasChanges()).isFalse();
    }

    @Test
    void a_file_that_differs_and_is_not_a_kustomization_is_left_alone_and_reported_as_drift() {
        SeedFixture repos = new SeedFixture(dir);
        GitRepos.commit(repos.core, "main", Map.of("services/snd/04/services.yaml", "# tuned by hand\n"), "hand edit");

        SeedResult result = repos.seed("snd4");

        assertThat(GitRepos.read(repos.core, "main", "services/snd/04/services.yaml")).contains("# tuned by hand\n");
        Change.Git drift = result.repos().get(0).drift().get(0);
        assertThat(drift.path()).isEqualTo("services/snd/04/services.yaml");
        assertThat(drift.action()).isEqualTo(Action.NONE);
        assertThat(repos.progress.lines()).anyMatch(l -> l.startsWith("warning: core: services/snd/04/services.yaml differs from the template"));
    }

    @Test
    void a_file_holding_the_same_objects_written_differently_is_unchanged_and_no_drift() {
        SeedFixture repos = new SeedFixture(dir);
        String platformStyle = """
                apiVersion: image.toolkit.fluxcd.io/v1beta2
                kind: ImagePolicy
                metadata:
                  namespace: 'flux-config'   # quoted, reordered and commented by the platform's engineers
                  name: powershell-executor-snd-04
                spec:
                  imageRepositoryRef: {name: powershell-executor}
                  policy:
                    numerical:
                      order: asc""";
        GitRepos.commit(repos.services, "main", Map.of("services/environments/snd/04/ps-exec-image-policy.yaml", platformStyle), "by hand");

        SeedResult result = repos.seed("snd4");

        Change.Git policy = result.changes().stream().filter(c -> c.path().endsWith("snd/04/ps-exec-image-policy.yaml")).findFirst().orElseThrow();
        assertThat(policy.action()).isEqualTo(Action.NONE);
        assertThat(policy.drifted()).isFalse();
        assertThat(GitRepos.read(repos.services, "main", "services/environments/snd/04/ps-exec-image-policy.yaml")).contains(platformStyle);
    }

    @Test
    void drift_carries_a_unified_diff_of_the_objects_from_the_repository_to_the_template() {
        SeedFixture repos = new SeedFixture(dir);
        GitRepos.commit(repos.services, "main", Map.of("services/environments/snd/04/ps-exec-image-policy.yaml", """
                apiVersion: image.toolkit.fluxcd.io/v1beta2
                kind: ImagePolicy
                metadata: {name: powershell-executor-snd-04, namespace: flux-config}
                spec:
                  imageRepositoryRef: {name: powershell-executor}
                  policy: {semver: {range: '>=1.0.0'}}
                """), "by hand");

        Change.Git drift = repos.seed("snd4").repos().get(1).drift().get(0);

        assertThat(drift.path()).isEqualTo("services/environments/snd/04/ps-exec-image-policy.yaml");
        assertThat(drift.diff()).isEqualTo("""
                --- services/environments/snd/04/ps-exec-image-policy.yaml (repository)
                +++ services/environments/snd/04/ps-exec-image-policy.yaml (template)
                @@ -7,5 +7,5 @@
                   imageRepositoryRef:
                     name: powershell-executor
                   policy:
                -    semver:
                -      range: '>=1.0.0'
                +    numerical:
                +      order: asc
                """);
    }

    @Test
    void a_kustomization_without_resources_gets_an_empty_list_so_kubectl_can_build_it() {
        SeedFixture repos = new SeedFixture(dir);
        String platformFile = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n";
        GitRepos.commit(repos.core, "main", Map.of("clusters/snd/04/kustomization.yaml", platformFile), "as the platform has it");

        SeedResult result = repos.seed("snd4");

        assertThat(result.changes()).filteredOn(c -> c.path().equals("clusters/snd/04/kustomization.yaml"))
                .extracting(Change.Git::action).containsExactly(Action.UPDATE);
        assertThat(GitRepos.read(repos.core, "main", "clusters/snd/04/kustomization.yaml")).contains(platformFile + "resources: []\n");
        assertThat(repos.seed("snd4").hasChanges()).isFalse();
    }

    @Test
    void an_instance_kustomization_the_layout_keeps_is_not_merged_but_reported_when_it_lacks_the_templates_entries() {
        SeedFixture repos = new SeedFixture(dir);
        String sandpit = """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - ../base-sandpit
                  - ps-exec-image-policy.yaml
                """;
        GitRepos.commit(repos.services, "main", Map.of("services/environments/snd/04/kustomization.yaml", sandpit), "sandpit");

        SeedResult result = repos.seed("snd4");

        // adding ../base beside ../base-sandpit would register every object of the base twice
        assertThat(GitRepos.read(repos.services, "main", "services/environments/snd/04/kustomization.yaml")).contains(sandpit);
        assertThat(result.repos().get(1).drift()).extracting(Change.Git::path).containsExactly("services/environments/snd/04/kustomization.yaml");
    }

    @Test
    void a_concurrent_push_between_clone_and_push_is_retried_without_losing_either_commit() {
        SeedFixture repos = new SeedFixture(dir);
        AtomicInteger pushes = new AtomicInteger();
        GitRemote racing = beforeEachPush(SeedFixture.localRemote(), url -> {
            if (pushes.getAndIncrement() == 0) {
                GitRepos.commit(repos.core, "main", Map.of("infra/snd/base/kustomization.yaml",
                        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - team-b.yaml\n"), "team b");
            }
        });

        SeedResult result = repos.seed(repos.environment("snd4"), racing, null, false);

        List<RevCommit> log = GitRepos.log(repos.core, "main");
        assertThat(log).extracting(RevCommit::getShortMessage).startsWith("aksflux: seed snd4", "team b");
        assertThat(log.get(0).getId().name()).isEqualTo(result.repos().get(0).commit());
        assertThat(GitRepos.read(repos.core, "main", "infra/snd/base/kustomization.yaml").orElseThrow())
                .startsWith("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - team-b.yaml\n");
        assertThat(GitRepos.read(repos.core, "main", "clusters/snd/04/kustomization.yaml")).isPresent();
        assertThat(repos.progress.lines()).contains("core: main moved on meanwhile; re-seeding on its new head (attempt 1 of 5)");
    }

    @Test
    void a_push_rejected_every_time_stops_with_a_clear_error_after_a_bounded_number_of_attempts() {
        SeedFixture repos = new SeedFixture(dir);
        AtomicInteger n = new AtomicInteger();
        GitRemote alwaysRacing = beforeEachPush(SeedFixture.localRemote(), url -> GitRepos.commit(repos.core, "main",
                Map.of("other/" + n.incrementAndGet() + ".txt", "x\n"), "busy team"));

        assertThatThrownBy(() -> repos.seed(repos.environment("snd4"), alwaysRacing, null, false))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("was rejected " + Seeder.PUSH_ATTEMPTS + " times");
        assertThat(GitRepos.log(repos.core, "main")).extracting(RevCommit::getShortMessage).doesNotContain("aksflux: seed snd4");
    }

    @Test
    void a_refused_services_push_after_core_was_pushed_says_which_repository_holds_the_seed_and_to_re_run() {
        SeedFixture repos = new SeedFixture(dir);
        String services = GitRepos.url(repos.services);
        GitRemote servicesRefuses = beforeEachPush(SeedFixture.localRemote(), url -> {
            if (url.equals(services)) {
                throw new GitException("push to " + url + " branch main was refused: protected branch");
            }
        });

        assertThatThrownBy(() -> repos.seed(repos.environment("snd4"), servicesRefuses, null, false))
                .isInstanceOf(GitException.class)
                .hasMessage("push to " + services + " branch main was refused: protected branch\n"
                        + "The seed is only partly pushed:\n"
                        + "  core (" + GitRepos.url(repos.core) + ") pushed to main as " + GitRepos.log(repos.core, "main").get(0).getId().name() + "\n"
                        + "  services (" + services + ") not pushed to main\n"
                        + "Seeding snd4 again completes it; what is already pushed is not written again.");
        assertThat(GitRepos.log(repos.core, "main")).extracting(RevCommit::getShortMessage).containsExactly("aksflux: seed snd4", "existing content");
        assertThat(GitRepos.log(repos.services, "main")).hasSize(1);

        SeedResult rerun = repos.seed("snd4");

        assertThat(rerun.repos()).extracting(SeedResult.Repo::pushed).containsExactly(false, true);
        assertThat(GitRepos.log(repos.core, "main")).hasSize(2);
        assertThat(GitRepos.log(repos.services, "main")).extracting(RevCommit::getShortMessage).containsExactly("aksflux: seed snd4", "existing content");
    }

    @Test
    void a_refused_first_push_is_reported_as_it_is_because_nothing_was_pushed() {
        SeedFixture repos = new SeedFixture(dir);
        GitRemote refusesAll = beforeEachPush(SeedFixture.localRemote(), url -> {
            throw new GitException("push to " + url + " branch main was refused: protected branch");
        });

        assertThatThrownBy(() -> repos.seed(repos.environment("snd4"), refusesAll, null, false))
                .isInstanceOf(GitException.class)
                .hasMessage("push to " + GitRepos.url(repos.core) + " branch main was refused: protected branch");
        assertThat(GitRepos.log(repos.core, "main")).hasSize(1);
    }

    @Test
    void review_branch_is_pushed_and_main_is_left_untouched() {
        SeedFixture repos = new SeedFixture(dir);
        String mainBefore = GitRepos.log(repos.core, "main").get(0).getId().name();

        SeedResult result = repos.seed(repos.environment("snd4"), SeedFixture.localRemote(), "seed/snd4", false);

        assertThat(GitRepos.log(repos.core, "main").get(0).getId().name()).isEqualTo(mainBefore);
        assertThat(GitRepos.read(repos.core, "main", "clusters/snd/04/kustomization.yaml")).isEmpty();
        assertThat(GitRepos.read(repos.core, "seed/snd4", "clusters/snd/04/kustomization.yaml")).isPresent();
        assertThat(result.repos()).extracting(SeedResult.Repo::branch).containsOnly("seed/snd4");
        assertThat(repos.seed(repos.environment("snd4"), SeedFixture.localRemote(), "seed/snd4", false).hasChanges()).isFalse();
    }

    @Test
    void dry_run_reports_the_changes_and_writes_nothing() {
        SeedFixture repos = new SeedFixture(dir);

        SeedResult result = repos.seed(repos.environment("snd4"), SeedFixture.localRemote(), null, true);

        assertThat(result.hasChanges()).isTrue();
        assertThat(result.repos()).allSatisfy(r -> assertThat(r.commit()).isNull());
        assertThat(GitRepos.log(repos.core, "main")).hasSize(1);
        assertThat(GitRepos.log(repos.services, "main")).hasSize(1);
    }

    @Test
    void a_missing_branch_is_a_clear_error() {
        SeedFixture repos = new SeedFixture(dir);

        assertThatThrownBy(() -> repos.seed(repos.environment("snd4", "repos.services.branch=release"), SeedFixture.localRemote(), null, false))
                .isInstanceOf(GitException.class)
                .hasMessage("branch 'release' does not exist in " + GitRepos.url(repos.services)
                        + "; create it or set the repository's branch in the environment file");
        assertThat(GitRepos.log(repos.core, "main")).hasSize(1);
    }

    @Test
    void an_empty_repository_gets_the_configured_branch_with_the_seed_as_its_root_commit() {
        SeedFixture repos = new SeedFixture(dir);
        Path empty = GitRepos.empty(dir.resolve("new-services.git"));
        Environment snd4 = repos.environment("snd4", "repos.services.url=" + GitRepos.url(empty));

        SeedResult result = repos.seed(snd4, SeedFixture.localRemote(), null, false);

        List<RevCommit> log = GitRepos.log(empty, "main");
        assertThat(log).extracting(RevCommit::getShortMessage).containsExactly("aksflux: seed snd4");
        assertThat(log.get(0).getParentCount()).isZero();
        assertThat(result.repos().get(1)).satisfies(services -> {
            assertThat(services.pushed()).isTrue();
            assertThat(services.commit()).isEqualTo(log.get(0).getId().name());
            assertThat(services.writes()).isNotEmpty().allSatisfy(c -> assertThat(c.action()).isEqualTo(Action.CREATE));
        });
        assertThat(GitRepos.read(empty, "main", "services/environments/snd/base/kustomization.yaml")).isPresent();
        assertThat(repos.seed(snd4, SeedFixture.localRemote(), null, false).hasChanges()).isFalse();
        assertThat(GitRepos.log(empty, "main")).hasSize(1);
    }

    @Test
    void a_branch_created_in_an_empty_repository_meanwhile_is_kept_and_the_seed_goes_on_top() {
        SeedFixture repos = new SeedFixture(dir);
        Path empty = GitRepos.empty(dir.resolve("new-core.git"));
        AtomicInteger pushes = new AtomicInteger();
        GitRemote racing = beforeEachPush(SeedFixture.localRemote(), url -> {
            if (pushes.getAndIncrement() == 0) {
                GitRepos.commit(empty, "main", Map.of("README.md", "# core\n"), "initial commit");
            }
        });

        repos.seed(repos.environment("snd4", "repos.core.url=" + GitRepos.url(empty)), racing, null, false);

        assertThat(GitRepos.log(empty, "main")).extracting(RevCommit::getShortMessage).containsExactly("aksflux: seed snd4", "initial commit");
        assertThat(GitRepos.read(empty, "main", "README.md")).contains("# core\n");
        assertThat(GitRepos.read(empty, "main", "clusters/snd/04/kustomization.yaml")).isPresent();
    }

    @Test
    void a_dry_run_against_an_empty_repository_reports_every_file_as_created_and_creates_no_branch() {
        SeedFixture repos = new SeedFixture(dir);
        Path empty = GitRepos.empty(dir.resolve("new-core.git"));

        SeedResult result = repos.seed(repos.environment("snd4", "repos.core.url=" + GitRepos.url(empty)), SeedFixture.localRemote(), null, true);

        assertThat(result.repos().get(0).changes()).isNotEmpty().allSatisfy(c -> assertThat(c.action()).isEqualTo(Action.CREATE));
        assertThat(GitRepos.log(empty, "main")).isEmpty();
    }

    @Test
    void a_repository_with_other_branches_but_not_the_configured_one_is_still_refused() {
        SeedFixture repos = new SeedFixture(dir);
        Path develop = GitRepos.bare(dir.resolve("develop-only.git"), "develop", Map.of("README.md", "# services\n"));

        assertThatThrownBy(() -> repos.seed(repos.environment("snd4", "repos.services.url=" + GitRepos.url(develop)), SeedFixture.localRemote(), null, false))
                .isInstanceOf(GitException.class)
                .hasMessage("branch 'main' does not exist in " + GitRepos.url(develop)
                        + "; create it or set the repository's branch in the environment file");
        assertThat(GitRepos.log(develop, "main")).isEmpty();
        assertThat(GitRepos.log(repos.core, "main")).hasSize(1);
    }

    @Test
    void a_review_branch_of_an_empty_repository_is_refused_until_its_branch_is_seeded() {
        SeedFixture repos = new SeedFixture(dir);
        Path empty = GitRepos.empty(dir.resolve("new-services.git"));

        assertThatThrownBy(() -> repos.seed(repos.environment("snd4", "repos.services.url=" + GitRepos.url(empty)), SeedFixture.localRemote(), "seed/snd4", false))
                .isInstanceOf(GitException.class)
                .hasMessage(GitRepos.url(empty) + " is empty, so review branch 'seed/snd4' has nothing to start from;"
                        + " seed its branch 'main' first (without --branch)");
        assertThat(GitRepos.log(empty, "seed/snd4")).isEmpty();
        assertThat(GitRepos.log(repos.core, "seed/snd4")).isEmpty();
    }

    @Test
    void every_seeded_kustomization_builds_and_seeded_flux_objects_conform_to_the_crds() {
        SeedFixture repos = new SeedFixture(dir);
        SeedResult result = repos.seed("snd4");
        Path core = GitRepos.checkout(repos.core, "main", dir.resolve("core"));
        Path services = GitRepos.checkout(repos.services, "main", dir.resolve("services"));
        FluxCrds crds = FluxCrds.load(Reference.fluxCrds());

        int built = 0;
        for (Change.Git file : result.changes()) {
            Path root = file.repo().equals("core") ? core : services;
            if (file.path().endsWith("/kustomization.yaml")) {
                Kubectl.Result kustomize = Kubectl.kustomize(root.resolve(file.path()).getParent());
                assertThat(kustomize.exitCode()).as(file.path() + ":\n" + kustomize.output()).isZero();
                built++;
            }
            for (Object doc : new Yaml().loadAll(file.content())) {
                @SuppressWarnings("unchecked") Map<String, Object> manifest = (Map<String, Object>) doc;
                if (String.valueOf(manifest.get("apiVersion")).contains("toolkit.fluxcd.io")) {
                    // the test's repositories are file:// folders, which a GitRepository may not name; a real one is https
                    @SuppressWarnings("unchecked") Map<String, Object> spec = (Map<String, Object>) manifest.get("spec");
                    spec.computeIfPresent("url", (k, url) -> String.valueOf(url).replaceFirst("^file://", "https://git.example.com"));
                    assertThat(crds.validateSeeded(manifest)).as(file.path()).isEmpty();
                }
            }
        }
        assertThat(built).isEqualTo(7);
    }

    @Test
    void flux_paths_are_checked_in_the_source_repository() {
        SeedFixture repos = new SeedFixture(dir);
        Environment snd4 = repos.environment("snd4");

        assertThatThrownBy(() -> KustomizationPaths.check(snd4, SeedFixture.localRemote()))
                .isInstanceOf(GitException.class)
                .hasMessageStartingWith("path ./clusters/snd/04 of kustomization 'cluster' does not exist in "
                        + GitRepos.url(repos.core) + " at main; path ./infra/snd/04");
        repos.seed("snd4");
        assertThat(KustomizationPaths.check(snd4, SeedFixture.localRemote())).startsWith("every kustomization path exists");
    }

    /**
     * A remote whose pushes first run {@code beforePush} with the repository URL: someone else pushing between our
     * clone and our push, or a host refusing the push.
     */
    static GitRemote beforeEachPush(GitRemote remote, java.util.function.Consumer<String> beforePush) {
        return new GitRemote() {
          public java.util.Optional<String> head(String url, String branch) { return remote.head(url, branch); }
          public GitCheckout checkout(String url, String branch, String startFrom) {
            GitCheckout checkout = remote.checkout(url, branch, startFrom);
            return new GitCheckout() {
                public String url() { return checkout.url(); }
                public String branch() { return checkout.branch(); }
                public java.util.Optional<String> read(String path) { return checkout.read(path); }
                public boolean isDirectory(String path) { return checkout.isDirectory(path); }
                public java.util.Optional<java.nio.file.Path> workTree() { return checkout.workTree(); }
                public void write(String path, String content) { checkout.write(path, content); }
                public java.util.Optional<String> commit(String message, java.util.Optional<Environment.GitAuthor> author) {
                    return checkout.commit(message, author);
                }
                public boolean push() {
                    beforePush.accept(checkout.url());
                    return checkout.push();
                }
                public void reset() { checkout.reset(); }
                public void close() { checkout.close(); }
            };
          }
        };
    }
}
