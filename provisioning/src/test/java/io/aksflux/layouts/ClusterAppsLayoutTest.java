package io.aksflux.layouts;

import io.aksflux.apply.ApplyResult;
import io.aksflux.change.Action;
import io.aksflux.change.Change;
import io.aksflux.change.PlanJson;
import io.aksflux.change.SeedResult;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import io.aksflux.support.EmulatedAzure;
import io.aksflux.support.ExampleEstates;
import io.aksflux.support.GitRepos;
import io.aksflux.support.Golden;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.SeedFixture;
import io.aksflux.support.SimulatedTicker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster-folders layout ({@code flux-templates/cluster-apps}, example estate {@code examples/cluster-apps}): one
 * fleet repository with {@code flux/clusters/<cluster>/apps.yaml} over {@code flux/apps/<stage>}, no Flux installation
 * of its own (the extension installs Flux).
 */
class ClusterAppsLayoutTest {
    private static final String LAYOUT = "cluster-apps";
    private final Workspace workspace = ExampleEstates.of(LAYOUT);
    private final RecordingProgress progress = new RecordingProgress();

    @TempDir
    Path dir;

    private Environment env(String name, Path fleet, String... more) {
        List<String> overrides = new ArrayList<>(List.of("repos.fleet.url=" + GitRepos.url(fleet),
                "git.author.name=Platform Team", "git.author.email=platform@example.com"));
        overrides.addAll(List.of(more));
        return workspace.environment(name, overrides);
    }

    private SeedResult seed(Environment env) {
        return workspace.seed(env, new Workspace.SeedOptions(false, null), SeedFixture.localRemote(), Optional.empty(), progress);
    }

    @Test
    void staging_plans_its_cluster_folder_and_stage_offline() throws IOException {
        Golden.assertMatches("plan-cluster-apps-stg1.json", PlanJson.write(workspace.planOffline("stg1", List.of())));
    }

    @Test
    void production_plans_its_cluster_folder_and_stage_offline() throws IOException {
        Golden.assertMatches("plan-cluster-apps-prd1.json", PlanJson.write(workspace.planOffline("prd1", List.of())));
    }

    @Test
    void the_flux_configuration_reconciles_the_cluster_folder_and_apps_yaml_points_at_the_stage() {
        var changes = workspace.planOffline("prd1", List.of()).changes();
        Change.Arm flux = (Change.Arm) changes.get(changes.size() - 1);
        Change.Git apps = changes.stream().filter(Change.Git.class::isInstance).map(Change.Git.class::cast)
                .filter(c -> c.path().equals("flux/clusters/production/apps.yaml")).findFirst().orElseThrow();

        assertThat(flux.body().at("/properties/kustomizations/cluster/path").asText()).isEqualTo("./flux/clusters/production");
        assertThat(flux.body().at("/properties/namespace").asText()).isEqualTo("flux-system");
        assertThat(apps.content()).contains("name: apps", "namespace: flux-system", "interval: 10m", "path: ./flux/apps/production",
                "kind: GitRepository", "name: cluster-config").doesNotContain("secretRef");
        assertThat(changes).filteredOn(Change.Git.class::isInstance).extracting(c -> ((Change.Git) c).path())
                .noneMatch(p -> p.contains("gotk-")).noneMatch(p -> p.contains("flux-system/"));
    }

    @Test
    void with_the_apps_in_a_repository_of_their_own_apps_yaml_reads_it_over_ssh_with_the_deploy_key() {
        List<Change.Git> files = ExampleEstates.seededFiles(LAYOUT, "prd1", List.of("values.apps=separate-repository",
                "values.appsUrl=ssh://git@github.com/example/apps.git"));

        assertThat(files).extracting(Change.Git::path).containsExactly("flux/clusters/production/kustomization.yaml",
                "flux/clusters/production/apps.yaml");
        assertThat(files.get(1).content()).contains("kind: GitRepository", "url: ssh://git@github.com/example/apps.git",
                "branch: main", "secretRef:\n    name: apps-deploykey", "kind: Kustomization", "path: ./flux/apps/production");
    }

    @Test
    void a_value_the_layout_does_not_declare_is_refused_with_the_ones_it_does() {
        var report = ExampleEstates.of(LAYOUT).validate(List.of("stg1"), List.of("values.stge=staging"));

        assertThat(report.results()).singleElement().satisfies(r -> assertThat(r.problems()).extracting(io.aksflux.error.Problem::render)
                .containsExactly("--set: values.stge: unknown key (did you mean 'stage'?); allowed: cluster, stage, apps, appsUrl"
                        + " (the values layout 'cluster-apps' declares in " + io.aksflux.support.Workspaces.templates()
                        .resolve("cluster-apps/layout.yaml") + ")"));
    }

    @Test
    void seeding_a_fresh_repository_writes_the_tree_and_a_second_seed_writes_nothing() {
        Path fleet = GitRepos.empty(dir.resolve("fleet-infra.git"));
        Environment stg1 = env("stg1", fleet);

        SeedResult first = seed(stg1);

        assertThat(first.repos()).singleElement().satisfies(r -> assertThat(r.pushed()).isTrue());
        assertThat(GitRepos.files(fleet)).containsExactlyInAnyOrder("flux/clusters/staging/kustomization.yaml",
                "flux/clusters/staging/apps.yaml", "flux/apps/base/kustomization.yaml", "flux/apps/base/namespace.yaml",
                "flux/apps/staging/kustomization.yaml");
        assertThat(seed(stg1).hasChanges()).isFalse();
    }

    @Test
    void seeding_a_populated_repository_keeps_the_teams_entries_and_only_adds() {
        Path fleet = GitRepos.bare(dir.resolve("fleet-infra.git"), Map.of(
                "flux/clusters/staging/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                        + "resources:\n  - infrastructure.yaml\n",
                "flux/clusters/staging/infrastructure.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: infra\n  namespace: flux-system\n",
                "flux/apps/base/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                        + "resources:\n  - podinfo\n",
                "flux/apps/base/podinfo/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                        + "resources:\n  - podinfo.yaml\n",
                "flux/apps/base/podinfo/podinfo.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: podinfo\n  namespace: apps\n"));

        seed(env("stg1", fleet));

        assertThat(GitRepos.read(fleet, "main", "flux/clusters/staging/kustomization.yaml").orElseThrow())
                .contains("  - infrastructure.yaml\n  - apps.yaml");
        assertThat(GitRepos.read(fleet, "main", "flux/apps/base/kustomization.yaml").orElseThrow())
                .contains("  - podinfo\n  - namespace.yaml");
        assertThat(GitRepos.files(fleet)).contains("flux/apps/base/podinfo/podinfo.yaml", "flux/clusters/staging/infrastructure.yaml",
                "flux/apps/staging/kustomization.yaml");
    }

    @Test
    void apply_converges_against_the_emulator_following_apps_yaml_into_the_stage() {
        // the same-repository variant: the emulator fetches file:// sources; an ssh:// apps repository it could not reach
        SimulatedTicker ticker = new SimulatedTicker();
        Path fleet = GitRepos.empty(dir.resolve("fleet-infra.git"));
        Environment stg1 = env("stg1", fleet);
        try (EmulatedAzure azure = new EmulatedAzure(ticker, Duration.ofSeconds(30), Duration.ofSeconds(45))) {
            azure.emulator.addCluster(stg1.azure().subscriptionId(), stg1.azure().resourceGroup(), stg1.azure().cluster());

            ApplyResult result = workspace.apply(stg1, new Workspace.ApplyOptions(Set.of(), true, Duration.ofMinutes(20), false),
                    azure.arm, SeedFixture.localRemote(), ticker.pacing(), progress);

            assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.CONVERGED);
            var statuses = azure.emulator.resource(stg1.azure().clusterId()
                    + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/cluster-config").orElseThrow().at("/properties/statuses");
            List<String> objects = new ArrayList<>();
            statuses.forEach(s -> objects.add(s.path("kind").asText() + " " + s.path("namespace").asText() + "/" + s.path("name").asText()
                    + " " + s.path("complianceState").asText()));
            assertThat(objects).contains("Kustomization flux-system/cluster-config-cluster Compliant", "Kustomization flux-system/apps Compliant");
            assertThat(workspace.apply(stg1, new Workspace.ApplyOptions(Set.of(), true, Duration.ofMinutes(20), false),
                    azure.arm, SeedFixture.localRemote(), ticker.pacing(), progress).wroteAnything()).as("a second apply").isFalse();
        }
    }
}
