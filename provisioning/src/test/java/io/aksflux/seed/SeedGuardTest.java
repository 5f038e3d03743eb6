package io.aksflux.seed;

import io.aksflux.seed.Seeder;
import io.aksflux.change.SeedResult;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import io.aksflux.error.SeedRefusedException;
import io.aksflux.error.UsageException;
import io.aksflux.kustomize.Kubectl;
import io.aksflux.support.GitRepos;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.ReferencePlatform;
import io.aksflux.support.SeedFixture;
import io.aksflux.support.Workspaces;
import io.aksflux.template.TemplateSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A seed never breaks what built before: checked in every repository before the first push. */
class SeedGuardTest {
    @TempDir
    Path dir;

    private final RecordingProgress progress = new RecordingProgress();

    private static Workspace guardTemplates() {
        try {
            Path templates = Path.of(SeedGuardTest.class.getResource("/guard-templates").toURI());
            return new Workspace(Workspaces.environments(), TemplateSource.directory(templates), Map.of());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static Environment environment(Workspace workspace, String name, List<String> repos, String... overrides) {
        List<String> all = new ArrayList<>(repos);
        all.addAll(List.of("git.author.name=Platform Team", "git.author.email=platform@example.com"));
        all.addAll(List.of(overrides));
        return workspace.environment(name, all);
    }

    private SeedResult seed(Workspace workspace, Environment env) {
        return workspace.seed(env, new Workspace.SeedOptions(false, null), SeedFixture.localRemote(), Kubectl.onPath(System.getenv("PATH")), progress);
    }

    @Test
    void a_second_services_repository_in_the_real_core_is_refused_naming_the_kustomizations_the_file_and_the_duplicate_id() {
        ReferencePlatform platform = ReferencePlatform.create(dir);
        Workspace workspace = guardTemplates();
        Environment snd4 = environment(workspace, "snd4", platform.repositoryOverrides(), "layout=second-source");

        assertThatThrownBy(() -> seed(workspace, snd4))
                .isInstanceOf(SeedRefusedException.class)
                .hasMessageStartingWith("seed of snd4 refused: it would break 10 kustomization build(s); nothing was pushed\n")
                .hasMessageContaining("\n  core (" + platform.coreUrl() + "): kustomization services/base builds today and would fail: "
                        + "services/base/services-repository.yaml: may not add resource with an already registered id: "
                        + "GitRepository.v1.source.toolkit.fluxcd.io/services-repository.flux-config (already added from services/base/repository.yaml)\n")
                .hasMessageContaining("\n  core (" + platform.coreUrl() + "): kustomization services/snd/04 builds today and would fail: "
                        + "services/base/services-repository.yaml: may not add resource");

        assertThat(GitRepos.log(platform.core(), "main")).hasSize(1);
        assertThat(GitRepos.log(platform.services(), "main")).as("the services part was fine, and is not pushed either").hasSize(1);
    }

    @Test
    void a_breakage_in_the_second_repository_stops_the_first_from_being_pushed() {
        ReferencePlatform platform = ReferencePlatform.create(dir);
        Workspace workspace = guardTemplates();
        Environment snd4 = environment(workspace, "snd4", platform.repositoryOverrides(), "layout=second-automation");

        assertThatThrownBy(() -> seed(workspace, snd4))
                .isInstanceOf(SeedRefusedException.class)
                .hasMessageContaining("services (" + platform.servicesUrl() + "): kustomization services/environments/snd/base builds today "
                        + "and would fail: services/environments/snd/base/image-automation.yaml: may not add resource with an already registered id: "
                        + "ImageUpdateAutomation.v1beta1.image.toolkit.fluxcd.io/image-automation.flux-config "
                        + "(already added from services/environments/snd/base/image-update.yaml)")
                .hasMessageContaining("kustomization services/environments/snd/04 builds today and would fail")
                .hasMessageNotContaining("core (");

        assertThat(GitRepos.log(platform.core(), "main")).as("core is checked and fine, but nothing is pushed before every repository is").hasSize(1);
        assertThat(GitRepos.log(platform.services(), "main")).hasSize(1);
    }

    @Test
    void a_dry_run_is_refused_the_same_way() {
        ReferencePlatform platform = ReferencePlatform.create(dir);
        Workspace workspace = guardTemplates();
        Environment snd4 = environment(workspace, "snd4", platform.repositoryOverrides(), "layout=second-source");

        assertThatThrownBy(() -> workspace.seed(snd4, new Workspace.SeedOptions(true, null), SeedFixture.localRemote(), Kubectl.onPath(System.getenv("PATH")), progress))
                .isInstanceOf(SeedRefusedException.class).hasMessageContaining("kustomization services/base builds today");
    }

    @Test
    void verify_none_pushes_what_the_check_would_refuse() {
        ReferencePlatform platform = ReferencePlatform.create(dir);
        Workspace workspace = guardTemplates();
        Environment snd4 = environment(workspace, "snd4", platform.repositoryOverrides(), "layout=second-source", "seed.verify=none");

        assertThat(seed(workspace, snd4).repos().get(0).pushed()).isTrue();
        assertThat(GitRepos.log(platform.core(), "main")).hasSize(2);
    }

    @Test
    void a_build_that_failed_before_and_still_fails_is_no_reason_to_refuse() {
        SeedFixture repos = new SeedFixture(dir);
        GitRepos.commit(repos.core, "main", Map.of("infra/snd/base/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - team-b.yaml\n"), "team b, not there yet");

        SeedResult result = repos.seed("snd4");

        assertThat(result.repos()).allMatch(SeedResult.Repo::pushed);
        assertThat(GitRepos.read(repos.core, "main", "infra/snd/04/kustomization.yaml"))
                .as("the new folder inherits the base's failure; that is not the seed's doing").isPresent();
    }

    @Test
    void verify_kubectl_also_runs_the_real_kustomize_and_refuses_what_only_it_sees() {
        assertThat(Kubectl.onPath(System.getenv("PATH"))).as("kubectl is required for this test").isPresent();
        SeedFixture repos = new SeedFixture(dir);
        Workspace workspace = guardTemplates();
        List<String> urls = List.of("repos.core.url=" + GitRepos.url(repos.core), "repos.services.url=" + GitRepos.url(repos.services));

        Environment javaOnly = environment(workspace, "snd4", urls, "layout=kubectl-only");
        Environment withKubectl = environment(workspace, "snd4", urls, "layout=kubectl-only", "seed.verify=kubectl");
        assertThatThrownBy(() -> seed(workspace, withKubectl))
                .isInstanceOf(SeedRefusedException.class)
                .hasMessageContaining("core (" + GitRepos.url(repos.core) + "): kustomization infra/snd/04 (new) would not build: infra/snd/04: ")
                .hasMessageContaining("Unable to remove nonexistent key: missing")
                .hasMessageContaining("[kubectl]");
        assertThat(GitRepos.log(repos.core, "main")).hasSize(1);

        assertThat(seed(workspace, javaOnly).repos().get(0).pushed()).as("the Java check does not apply JSON patch operations").isTrue();
    }

    @Test
    void verify_kubectl_without_kubectl_is_refused_before_any_clone() {
        SeedFixture repos = new SeedFixture(dir);
        Environment snd4 = repos.environment("snd4", "seed.verify=kubectl");

        assertThatThrownBy(() -> new Seeder(SeedFixture.localRemote(), progress, Optional.empty())
                .seed(new Seeder.Request(snd4, List.of(), null, false)))
                .isInstanceOf(UsageException.class)
                .hasMessage("--verify kubectl needs kubectl on the PATH; install it, or use --verify java");
    }
}
