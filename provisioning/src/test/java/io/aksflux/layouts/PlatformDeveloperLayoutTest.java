package io.aksflux.layouts;

import io.aksflux.apply.ApplyResult;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform/developer split ({@code flux-templates/platform-developer}, example estate
 * {@code examples/platform-developer}): per environment the platform repository's {@code clusters/<env>/} holds the
 * two GitRepositories and, per service the environment lists, a Kustomization over {@code apps/base} and one over the
 * developer repository's {@code <service>/<env>}; the flux configuration reconciles {@code clusters/<env>}, whose
 * objects all point outside it.
 */
class PlatformDeveloperLayoutTest {
    private static final String LAYOUT = "platform-developer";
    private final RecordingProgress progress = new RecordingProgress();

    @TempDir
    Path dir;

    private static List<String> pointingAt(Path platform, Path developer, String... more) {
        List<String> overrides = new ArrayList<>(List.of("repos.platform.url=" + GitRepos.url(platform),
                "repos.developer.url=" + GitRepos.url(developer), "git.author.name=Platform Team", "git.author.email=platform@example.com"));
        overrides.addAll(List.of(more));
        return overrides;
    }

    private SeedResult seed(Workspace workspace, Environment env) {
        return workspace.seed(env, new Workspace.SeedOptions(false, null), SeedFixture.localRemote(), Optional.empty(), progress);
    }

    /** The example estate copied, {@code dev1.yaml} listing {@code services}: a --set value is one scalar, a list is the file's. */
    private Workspace estateWith(String... services) throws IOException {
        Path environments = Files.createDirectories(dir.resolve("environments-" + services.length));
        Files.copy(ExampleEstates.environments(LAYOUT).resolve("defaults.yaml"), environments.resolve("defaults.yaml"));
        String dev1 = Files.readString(ExampleEstates.environments(LAYOUT).resolve("dev1.yaml"));
        Files.writeString(environments.resolve("dev1.yaml"), dev1.substring(0, dev1.indexOf("values:"))
                + "values:\n  services:\n" + String.join("", java.util.Arrays.stream(services).map(s -> "    - " + s + "\n").toList()));
        return ExampleEstates.at(environments);
    }

    @Test
    void dev1_plans_its_cluster_folder_and_a_pair_per_service_offline() throws IOException {
        Golden.assertMatches("plan-platform-developer-dev1.json", PlanJson.write(ExampleEstates.of(LAYOUT).planOffline("dev1", List.of())));
    }

    @Test
    void prd1_plans_only_the_services_it_lists() throws IOException {
        Golden.assertMatches("plan-platform-developer-prd1.json", PlanJson.write(ExampleEstates.of(LAYOUT).planOffline("prd1", List.of())));
    }

    @Test
    void the_flux_configuration_reconciles_clusters_env_and_every_object_there_points_outside_it() {
        var changes = ExampleEstates.of(LAYOUT).planOffline("dev1", List.of()).changes();
        Change.Arm flux = (Change.Arm) changes.get(changes.size() - 1);
        List<Change.Git> clusterFolder = changes.stream().filter(Change.Git.class::isInstance).map(Change.Git.class::cast)
                .filter(c -> c.path().startsWith("clusters/dev1/") && !c.path().endsWith("/kustomization.yaml")).toList();

        assertThat(flux.body().at("/properties/kustomizations/cluster/path").asText()).isEqualTo("./clusters/dev1");
        assertThat(clusterFolder).extracting(Change.Git::path).containsExactlyInAnyOrder("clusters/dev1/gitrepository-platform.yaml",
                "clusters/dev1/gitrepository-developer.yaml", "clusters/dev1/kustomization-infrastructure.yaml",
                "clusters/dev1/orders/kustomization-platform.yaml", "clusters/dev1/payments/kustomization-platform.yaml",
                "clusters/dev1/orders/kustomization-developer.yaml", "clusters/dev1/payments/kustomization-developer.yaml");
        List<String> paths = new ArrayList<>();
        for (Change.Git file : clusterFolder) {
            for (Object document : new org.yaml.snakeyaml.Yaml().loadAll(file.content())) {
                Object path = ((Map<?, ?>) ((Map<?, ?>) document).get("spec")).get("path");
                if (path != null) {
                    paths.add(String.valueOf(path));
                }
            }
        }
        assertThat(paths).containsExactlyInAnyOrder("./infrastructure", "./apps/base", "./apps/base", "./orders/dev1", "./payments/dev1")
                .noneMatch(p -> p.startsWith("./clusters"));
    }

    @Test
    void the_developer_kustomization_is_named_for_service_and_environment_and_substitutes_both() {
        Change.Git developer = ExampleEstates.seededFiles(LAYOUT, "dev1", List.of()).stream()
                .filter(c -> c.path().equals("clusters/dev1/orders/kustomization-developer.yaml")).findFirst().orElseThrow();

        assertThat(developer.content()).contains("name: orders-dev1-config", "interval: 1m", "prune: true", "wait: true",
                "name: developer", "path: ./orders/dev1", "SERVICE_NAME: orders", "ENV: dev1");
    }

    @Test
    void seeding_fresh_repositories_writes_both_trees_and_a_second_seed_writes_nothing() throws IOException {
        Workspace workspace = ExampleEstates.of(LAYOUT);
        Path platform = GitRepos.empty(dir.resolve("platform.git"));
        Path developer = GitRepos.empty(dir.resolve("developer.git"));
        Environment prd1 = workspace.environment("prd1", pointingAt(platform, developer));

        seed(workspace, prd1);

        assertThat(GitRepos.files(platform)).containsExactlyInAnyOrder("clusters/prd1/kustomization.yaml",
                "clusters/prd1/gitrepository-platform.yaml", "clusters/prd1/gitrepository-developer.yaml",
                "clusters/prd1/kustomization-infrastructure.yaml", "clusters/prd1/orders/kustomization.yaml",
                "clusters/prd1/orders/kustomization-platform.yaml", "clusters/prd1/orders/kustomization-developer.yaml",
                "apps/base/kustomization.yaml", "apps/base/deployment.yaml", "apps/base/service.yaml", "apps/base/configmap-generator.yaml",
                "infrastructure/kustomization.yaml", "infrastructure/namespaces.yaml");
        assertThat(GitRepos.files(developer)).containsExactlyInAnyOrder("orders/base/config.yaml", "orders/prd1/config.yaml",
                "orders/prd1/kustomization.yaml");
        assertThat(seed(workspace, prd1).hasChanges()).isFalse();
    }

    @Test
    void adding_a_service_to_the_list_seeds_its_pair_and_folders_and_keeps_what_teams_added() throws IOException {
        Path platform = GitRepos.empty(dir.resolve("platform.git"));
        Path developer = GitRepos.empty(dir.resolve("developer.git"));
        Workspace one = estateWith("orders");
        seed(one, one.environment("dev1", pointingAt(platform, developer)));
        GitRepos.commit(platform, Map.of("clusters/dev1/kustomization.yaml", GitRepos.read(platform, "main", "clusters/dev1/kustomization.yaml")
                .orElseThrow() + "  - monitoring.yaml\n", "clusters/dev1/monitoring.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: monitoring\n  namespace: flux-system\n"), "the team's monitoring");
        GitRepos.commit(developer, Map.of("orders/dev1/config.yaml", "environment: dev1\nreplicas: 3\n"), "orders tuned for dev1");

        Workspace two = estateWith("orders", "payments");
        SeedResult second = seed(two, two.environment("dev1", pointingAt(platform, developer)));

        assertThat(second.changes()).filteredOn(c -> c.action() != io.aksflux.change.Action.NONE).extracting(Change.Git::path)
                .containsExactlyInAnyOrder("clusters/dev1/kustomization.yaml", "clusters/dev1/payments/kustomization.yaml",
                        "clusters/dev1/payments/kustomization-platform.yaml", "clusters/dev1/payments/kustomization-developer.yaml",
                        "payments/base/config.yaml", "payments/dev1/config.yaml", "payments/dev1/kustomization.yaml");
        assertThat(GitRepos.read(platform, "main", "clusters/dev1/kustomization.yaml").orElseThrow())
                .endsWith("  - orders\n  - monitoring.yaml\n  - payments\n");
        assertThat(GitRepos.read(developer, "main", "orders/dev1/config.yaml").orElseThrow()).contains("replicas: 3");
        assertThat(GitRepos.files(platform)).contains("clusters/dev1/monitoring.yaml");
    }

    @Test
    void apply_converges_against_the_emulator_following_every_services_pair() {
        SimulatedTicker ticker = new SimulatedTicker();
        Workspace workspace = ExampleEstates.of(LAYOUT);
        Path platform = GitRepos.empty(dir.resolve("platform.git"));
        Path developer = GitRepos.empty(dir.resolve("developer.git"));
        Environment dev1 = workspace.environment("dev1", pointingAt(platform, developer));
        try (EmulatedAzure azure = new EmulatedAzure(ticker, Duration.ofSeconds(30), Duration.ofSeconds(45))) {
            azure.emulator.addCluster(dev1.azure().subscriptionId(), dev1.azure().resourceGroup(), dev1.azure().cluster());

            ApplyResult result = workspace.apply(dev1, new Workspace.ApplyOptions(Set.of(), true, Duration.ofMinutes(20), false),
                    azure.arm, SeedFixture.localRemote(), ticker.pacing(), progress);

            assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.CONVERGED);
            var statuses = azure.emulator.resource(dev1.azure().clusterId()
                    + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/cluster-config").orElseThrow().at("/properties/statuses");
            List<String> objects = new ArrayList<>();
            statuses.forEach(s -> objects.add(s.path("kind").asText() + " " + s.path("name").asText() + " " + s.path("complianceState").asText()));
            assertThat(objects).contains("GitRepository platform Compliant", "GitRepository developer Compliant",
                    "Kustomization infrastructure Compliant", "Kustomization orders-dev1 Compliant", "Kustomization orders-dev1-config Compliant",
                    "Kustomization payments-dev1 Compliant", "Kustomization payments-dev1-config Compliant");
        }
    }
}
