package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aksflux.support.GitRepos;
import io.aksflux.support.SimulatedTicker;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** aksflux demo: the whole job against the in-process emulator and temporary repositories, on a simulated clock. */
class DemoCommandTest {
    private static final Pattern FOLDER = Pattern.compile("repositor(?:y|ies) in (\\S+)");

    private static Cli.Result demo(String... args) {
        SimulatedTicker ticker = new SimulatedTicker();
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--environments", Cli.ENVIRONMENTS))
                .toArray(String[]::new);
        return Cli.run(new CliContext(Map.of(), ticker.pacing(), Duration.ofMillis(1)), all);
    }

    private static Path folder(Cli.Result result) {
        Matcher m = FOLDER.matcher(result.err());
        assertThat(m.find()).as("the demo names its folder\n%s", result).isTrue();
        return Path.of(m.group(1));
    }

    @Test
    void demo_provisions_snd4_through_every_stage_and_ends_with_every_kustomization_compliant() {
        Cli.Result result = demo("demo");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).contains("seed", "core: pushed", "services: pushed",
                "secret flux-config/aksflux-notification: created", "extension flux: Succeeded",
                "flux configuration flux-config: Succeeded", "flux-config-infra: Pending: dependency 'flux-config/flux-config-cluster' is not ready");
        assertThat(result.out()).contains("apply snd4: converged", "notifications changed    create Secret flux-config/aksflux-notification");
        List<String> table = result.out().lines().dropWhile(l -> !l.contains("KIND")).skip(1).toList();
        assertThat(table).extracting(l -> l.trim().split("\\s+")[1])
                .containsExactly("flux-config", "flux-config-cluster", "flux-config-infra", "flux-config-services",
                        "services-repository", "services"); // the last two applied by flux-config-services, as the API reports them
        assertThat(table).allSatisfy(l -> assertThat(l.trim().split("\\s+")[2]).isEqualTo("Compliant"));
        assertThat(folder(result)).as("the temporary repositories are cleaned up").doesNotExist();
    }

    @Test
    void demo_of_another_environment_kept_leaves_its_seeded_repositories_to_look_at() throws IOException {
        Cli.Result result = demo("demo", "prd1", "--keep", "-o", "json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.at("/apply/outcome").asText()).isEqualTo("CONVERGED");
        assertThat(json.at("/apply/stages/2").toString())
                .isEqualTo("{\"stage\":\"notifications\",\"status\":\"changed\",\"detail\":\"create Secret flux-config/aksflux-notification\"}");
        assertThat(json.at("/status/fluxConfiguration/complianceState").asText()).isEqualTo("Compliant");
        Path folder = folder(result);
        try {
            assertThat(GitRepos.files(folder.resolve("adp-flux-core.git"))).contains("clusters/prd/01/kustomization.yaml",
                    "infra/prd/01/kustomization.yaml", "services/prd/01/kustomization.yaml");
            assertThat(GitRepos.files(folder.resolve("adp-flux-services.git"))).contains("services/environments/prd/base/kustomization.yaml");
        } finally {
            try (var paths = Files.walk(folder)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void demo_stops_on_a_kustomization_path_that_does_not_exist_and_cleans_up() {
        Cli.Result result = demo("demo", "--set", "flux.kustomizations.infra.path=./infra/typo");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("path ./infra/typo of kustomization 'infra' does not exist");
        assertThat(folder(result)).doesNotExist();
    }

    @Test
    void demo_all_rebuilds_every_environment_side_by_side_and_cleans_up() {
        Cli.Result result = demo("demo", "--all", "--parallel", "9");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("apply of 9 environments: converged (9 converged)");
        assertThat(result.err()).contains("rebuilding 9 environments", "snd4", "prd1");
        assertThat(folder(result)).doesNotExist();
    }

    @Test
    void demo_of_the_cluster_folders_layout_makes_its_one_repository_and_follows_apps_yaml() throws IOException {
        Cli.Result result = demo("demo", "stg1", "--layout", "cluster-apps", "--keep");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).contains("fleet repository in", "fleet: pushed").doesNotContain("notification secret aksflux");
        assertThat(result.out()).contains("apply stg1: converged");
        List<String> table = result.out().lines().dropWhile(l -> !l.contains("KIND")).skip(1).toList();
        assertThat(table).extracting(l -> l.trim().split("\\s+")[1]).containsExactly("cluster-config", "cluster-config-cluster", "apps");
        assertThat(table).allSatisfy(l -> assertThat(l.trim().split("\\s+")[2]).isEqualTo("Compliant"));
        Path folder = folder(result);
        try {
            assertThat(GitRepos.files(folder.resolve("fleet-infra.git"))).contains("flux/clusters/staging/apps.yaml",
                    "flux/apps/staging/kustomization.yaml");
        } finally {
            try (var paths = Files.walk(folder)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void demo_of_the_platform_developer_layout_makes_both_repositories_and_every_services_pair_converges() {
        Cli.Result result = demo("demo", "--layout", "platform-developer");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).contains("platform and developer repositories in", "platform: pushed", "developer: pushed");
        assertThat(result.out()).contains("apply dev1: converged");
        List<String> table = result.out().lines().dropWhile(l -> !l.contains("KIND")).skip(1).toList();
        assertThat(table).extracting(l -> l.trim().split("\\s+")[1]).contains("platform", "developer", "infrastructure",
                "orders-dev1", "orders-dev1-config", "payments-dev1", "payments-dev1-config");
        assertThat(table).allSatisfy(l -> assertThat(l.trim().split("\\s+")[2]).isEqualTo("Compliant"));
        assertThat(folder(result)).doesNotExist();
    }

    @Test
    void a_layout_without_an_example_estate_is_refused_before_anything_starts() {
        Cli.Result result = demo("demo", "--layout", "nope");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("no example estate for layout 'nope'").doesNotContain("emulator at");
    }

    @Test
    void demo_takes_one_environment_or_all_not_both() {
        Cli.Result result = demo("demo", "snd4", "--all");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("name one environment or pass --all, not both").doesNotContain("emulator at");
    }

    @Test
    void an_unknown_environment_is_refused_before_anything_starts() {
        Cli.Result result = demo("demo", "nope9");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("nope9").doesNotContain("emulator at", "repositories in");
    }
}
