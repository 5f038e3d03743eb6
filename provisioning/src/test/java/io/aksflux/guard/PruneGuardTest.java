package io.aksflux.guard;

import io.aksflux.change.Plan;
import io.aksflux.engine.ValidationReport;
import io.aksflux.engine.Workspace;
import io.aksflux.error.EnvironmentException;
import io.aksflux.error.Problem;
import io.aksflux.secret.SecretSource;
import io.aksflux.support.FakeArm;
import io.aksflux.support.GitRepos;
import io.aksflux.support.SeedFixture;
import io.aksflux.support.SimulatedTicker;
import io.aksflux.support.Workspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The online plan's guard against Flux pruning itself, over repositories arranged as teams arrange them: the
 * platform/developer split before and after its fix, Flux's installation left by {@code flux bootstrap}, and
 * kustomizations whose builds overlap.
 */
class PruneGuardTest {
    @TempDir
    Path dir;

    private final Workspace workspace = Workspaces.shipped();
    private Path platform;
    private Path developer;

    private void repositories(Map<String, String> platformFiles) {
        platform = GitRepos.bare(dir.resolve("platform.git"), platformFiles);
        developer = GitRepos.bare(dir.resolve("developer.git"), PlatformDeveloperRepos.developer());
    }

    private String platformUrl() {
        return GitRepos.url(dir.resolve("platform.git"));
    }

    private String developerUrl() {
        return GitRepos.url(dir.resolve("developer.git"));
    }

    private List<String> overrides(String... more) {
        List<String> all = new ArrayList<>(List.of("repos.core.url=" + platformUrl(), "repos.services.url=" + developerUrl(),
                "notifications.delivery=secret", "notifications.secretName=" + SeedFixture.NOTIFICATION_SECRET,
                "flux.kustomizations.cluster.path=./clusters/dev"));
        all.addAll(List.of(more));
        return all;
    }

    private Plan plan(List<String> overrides) {
        return workspace.plan("snd4", overrides, FakeArm.healthy(workspace.environment("snd4", overrides)), SeedFixture.localRemote(),
                SecretSource.NONE, new SimulatedTicker().pacing(), false);
    }

    private List<String> refusal(List<String> overrides) {
        EnvironmentException refused = (EnvironmentException) org.assertj.core.api.Assertions.catchThrowable(() -> plan(overrides));
        assertThat(refused).as("the plan is refused").isNotNull();
        return refused.problems().stream().map(Problem::render).toList();
    }

    @Test
    void the_platform_developer_split_before_its_fix_is_refused_naming_the_files_and_what_flux_would_do() {
        repositories(PlatformDeveloperRepos.platformBeforeFix(platformUrl(), developerUrl()));

        List<String> errors = refusal(overrides());

        assertThat(errors).anySatisfy(e -> assertThat(e)
                .contains("flux.kustomizations.cluster.path")
                .contains("the flux configuration's kustomization 'cluster' (./clusters/dev")
                .contains("applies Flux's own installation (clusters/dev/flux-system/gotk-components.yaml, clusters/dev/flux-system/gotk-sync.yaml)")
                .contains("second installation")
                .contains("Migrating from flux bootstrap: delete clusters/dev/flux-system/gotk-components.yaml and clusters/dev/flux-system/gotk-sync.yaml")
                .contains("the extension owns Flux"));
        assertThat(errors).anySatisfy(e -> assertThat(e)
                .contains("Kustomization flux-system/flux-system (core repository: clusters/dev/flux-system/gotk-sync.yaml")
                .contains("reconciles ./clusters/dev, the folder that holds its own manifest")
                .contains("with prune: true Flux deletes whatever leaves that build")
                .contains("GitRepository flux-system/platform").contains("Kustomization flux-system/orders-dev-config")
                .contains("stays stuck reconciling the folder that contains itself"));
        assertThat(errors).anySatisfy(e -> assertThat(e)
                .contains("the flux configuration's kustomization 'cluster'").contains("and Kustomization flux-system/flux-system")
                .contains("both apply").contains("clusters/dev/gitrepository-platform.yaml")
                .contains("each deletes what the other applies"));
        assertThat(GitRepos.log(platform, "main")).as("a plan writes nothing").hasSize(1);
    }

    @Test
    void a_bootstrap_kustomization_over_the_folder_holding_the_cluster_owned_objects_is_refused() {
        repositories(PlatformDeveloperRepos.platformSelfReconciling(platformUrl(), developerUrl(), true));

        assertThat(refusal(overrides())).anySatisfy(e -> assertThat(e)
                .contains("Kustomization flux-system/bootstrap (core repository: clusters/dev/bootstrap.yaml; ./clusters/dev")
                .contains("the folder that holds its own manifest (clusters/dev/bootstrap.yaml)")
                .contains("clusters/dev/orders/kustomization-platform.yaml").doesNotContain("gotk"));
    }

    @Test
    void without_prune_a_kustomization_applying_itself_is_a_warning_and_the_plan_goes_ahead() {
        repositories(PlatformDeveloperRepos.platformSelfReconciling(platformUrl(), developerUrl(), false));

        Plan plan = plan(overrides("flux.kustomizations.cluster.prune=false"));

        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w)
                .contains("Kustomization flux-system/bootstrap").contains("no prune").contains("holds its own manifest")
                .contains("without prune nothing is deleted"));
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).contains("both apply").contains("without prune nothing is deleted"));
    }

    @Test
    void the_fixed_arrangement_passes_after_following_every_kustomization() {
        repositories(PlatformDeveloperRepos.platformFixed(platformUrl(), developerUrl()));

        Plan plan = plan(overrides());
        PruneGuard.Findings findings = guard(overrides());

        assertThat(plan.warnings()).isEmpty();
        assertThat(findings.errors()).isEmpty();
        assertThat(findings.followed()).as("the cluster folder, the platform's apps and the developer's config were all read")
                .anySatisfy(f -> assertThat(f).startsWith("the flux configuration's kustomization 'cluster' (./clusters/dev"))
                .anySatisfy(f -> assertThat(f).startsWith("Kustomization flux-system/orders-dev (").contains("./apps/base of the core"))
                .anySatisfy(f -> assertThat(f).startsWith("Kustomization flux-system/orders-dev-config (").contains("./orders/dev of the services"));
    }

    @Test
    void overlapping_paths_with_prune_are_an_error_and_without_prune_a_warning() {
        Map<String, String> files = PlatformDeveloperRepos.platformFixed(platformUrl(), developerUrl());
        files.put("clusters/dev/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                + "resources:\n  - gitrepository-platform.yaml\n  - app\n");
        files.put("clusters/dev/app/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                + "resources:\n  - configmap.yaml\n");
        files.put("clusters/dev/app/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: apps\n");
        repositories(files);

        assertThat(refusal(overrides("flux.kustomizations.infra.path=./clusters/dev/app"))).anySatisfy(e -> assertThat(e)
                .contains("the flux configuration's kustomization 'cluster' (./clusters/dev")
                .contains("and the flux configuration's kustomization 'infra' (./clusters/dev/app")
                .contains("both apply clusters/dev/app/configmap.yaml (1 object)").contains("with prune: true"));
        Plan plan = plan(overrides("flux.kustomizations.infra.path=./clusters/dev/app", "flux.kustomizations.cluster.prune=false",
                "flux.kustomizations.infra.prune=false"));
        assertThat(plan.warnings()).singleElement().asString().contains("both apply clusters/dev/app/configmap.yaml")
                .contains("without prune nothing is deleted");
    }

    @Test
    void one_generic_folder_applied_under_different_substitutions_is_different_objects_and_under_the_same_it_overlaps() {
        Map<String, String> files = PlatformDeveloperRepos.platformFixed(platformUrl(), developerUrl());
        files.put("apps/generic/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                + "resources:\n  - configmap.yaml\n");
        files.put("apps/generic/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${SERVICE_NAME}\n  namespace: apps\n");
        repositories(files);
        List<String> both = List.of("flux.kustomizations.infra.path=./apps/generic", "flux.kustomizations.services.path=./apps/generic");

        List<String> twoServices = new ArrayList<>(both);
        twoServices.addAll(List.of("flux.kustomizations.infra.substitute.SERVICE_NAME=orders",
                "flux.kustomizations.services.substitute.SERVICE_NAME=payments"));
        PruneGuard.Findings distinct = guard(overrides(twoServices.toArray(String[]::new)));
        assertThat(distinct.errors()).isEmpty();
        assertThat(distinct.warnings()).isEmpty();

        List<String> sameService = new ArrayList<>(both);
        sameService.addAll(List.of("flux.kustomizations.infra.substitute.SERVICE_NAME=orders",
                "flux.kustomizations.services.substitute.SERVICE_NAME=orders"));
        assertThat(guard(overrides(sameService.toArray(String[]::new))).errors()).singleElement().asString()
                .contains("both apply apps/generic/configmap.yaml (1 object)").contains("with prune: true");
    }

    @Test
    void nested_paths_whose_builds_share_nothing_are_no_overlap() {
        Map<String, String> files = PlatformDeveloperRepos.platformFixed(platformUrl(), developerUrl());
        files.put("clusters/dev/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                + "resources:\n  - gitrepository-platform.yaml\n");
        files.put("clusters/dev/app/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                + "resources:\n  - configmap.yaml\n");
        files.put("clusters/dev/app/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: apps\n");
        repositories(files);

        assertThat(plan(overrides("flux.kustomizations.infra.path=./clusters/dev/app")).warnings()).isEmpty();
    }

    @Test
    void validate_reports_flux_s_installation_among_the_rendered_files_with_the_layout_line() throws Exception {
        Path layouts = layoutSeedingGotkComponents();

        ValidationReport report = Workspace.of(Workspaces.environments(), layouts, Map.of()).validate(List.of("snd4"), List.of());

        assertThat(report.valid()).isFalse();
        assertThat(report.results().get(0).problems()).singleElement().satisfies(p -> {
            assertThat(p.origin().render()).endsWith("adp/layout.yaml:" + lineOf(layouts.resolve("adp/layout.yaml"), "      path: \"./clusters/{{env.code}}/{{env.instance}}\""));
            assertThat(p.message()).contains("applies Flux's own installation (clusters/snd/04/flux-system/gotk-components.yaml)")
                    .contains("Migrating from flux bootstrap");
        });
    }

    @Test
    void apply_refuses_before_its_first_write_when_the_seed_would_apply_flux_s_installation() throws Exception {
        Workspace withGotk = Workspace.of(Workspaces.environments(), layoutSeedingGotkComponents(), Map.of());
        repositories(Map.of("README.md", "# platform\n"));
        io.aksflux.environment.Environment env = withGotk.environment("snd4", overrides("flux.kustomizations.cluster.path=./clusters/snd/04"));
        FakeArm arm = FakeArm.healthy(env);

        assertThatThrownBy(() -> withGotk.apply(env, new Workspace.ApplyOptions(java.util.Set.of(), false, java.time.Duration.ZERO, false),
                arm, SeedFixture.localRemote(), new SimulatedTicker().pacing(), io.aksflux.base.Progress.SILENT))
                .isInstanceOf(EnvironmentException.class).hasMessageContaining("applies Flux's own installation");
        assertThat(GitRepos.log(platform, "main")).as("nothing was seeded").hasSize(1);
    }

    /** The adp layout whose cluster folder also gets {@code flux-system/gotk-components.yaml}. */
    private Path layoutSeedingGotkComponents() throws java.io.IOException {
        Path layouts = dir.resolve("flux-templates");
        copy(Workspaces.templates(), layouts);
        java.nio.file.Files.writeString(layouts.resolve("adp/core/clusters/instance/kustomization.yaml"),
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - flux-system\n");
        java.nio.file.Files.writeString(layouts.resolve("adp/layout.yaml"), java.nio.file.Files.readString(layouts.resolve("adp/layout.yaml"))
                .replace("files:\n", "files:\n  - repo: core\n    path: \"clusters/{{env.code}}/{{env.instance}}/flux-system/kustomization.yaml\"\n"
                        + "    template: gotk/kustomization.yaml\n  - repo: core\n"
                        + "    path: \"clusters/{{env.code}}/{{env.instance}}/flux-system/gotk-components.yaml\"\n    template: gotk/gotk-components.yaml\n"));
        java.nio.file.Files.createDirectories(layouts.resolve("adp/gotk"));
        java.nio.file.Files.writeString(layouts.resolve("adp/gotk/kustomization.yaml"),
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - gotk-components.yaml\n");
        java.nio.file.Files.writeString(layouts.resolve("adp/gotk/gotk-components.yaml"),
                "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: flux-system\n");
        return layouts;
    }

    private PruneGuard.Findings guard(List<String> overrides) {
        io.aksflux.environment.Environment env = workspace.environment("snd4", overrides);
        try (io.aksflux.git.GitSnapshot repos = new io.aksflux.git.GitSnapshot(SeedFixture.localRemote(), env.repos())) {
            return new PruneGuard(env, role -> java.util.Optional.of(RepositoryFiles.of(repos.checkout(role))), k -> null).check();
        }
    }

    private static int lineOf(Path file, String text) throws java.io.IOException {
        List<String> lines = java.nio.file.Files.readAllLines(file);
        return lines.indexOf(text) + 1;
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        try (var walk = java.nio.file.Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(p, target);
                }
            }
        }
    }
}
