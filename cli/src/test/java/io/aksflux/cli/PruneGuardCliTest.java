package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard against Flux pruning itself as validate and plan show it: an error exits 1 (validate lists it as a
 * problem, plan is refused with it), a warning is printed and changes no exit code; JSON carries both.
 */
class PruneGuardCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path templates;

    /** The adp layout, its cluster folder applying a ConfigMap of its own. */
    @BeforeEach
    void layout() throws IOException {
        templates = dir.resolve("flux-templates");
        Path shipped = Cli.ROOT.resolve("flux-templates");
        try (Stream<Path> walk = Files.walk(shipped)) {
            for (Path p : walk.toList()) {
                Path target = templates.resolve(shipped.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Files.writeString(templates.resolve("adp/core/clusters/instance/kustomization.yaml"),
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - cluster-settings.yaml\n");
        Files.createDirectories(templates.resolve("adp/extra"));
        Files.writeString(templates.resolve("adp/extra/cluster-settings.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cluster-settings\n  namespace: flux-system\n");
    }

    private void addToCoreClusterFolder(String name, String template) throws IOException {
        Path layout = templates.resolve("adp/layout.yaml");
        Files.writeString(layout, Files.readString(layout).replace("files:\n", "files:\n  - repo: core\n"
                + "    path: \"clusters/{{env.code}}/{{env.instance}}/" + name + "\"\n    template: " + template + "\n"));
    }

    private Cli.Result run(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--environments", Cli.ENVIRONMENTS, "--templates", templates.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void gotk_files_in_a_reconciled_path_fail_validate_and_refuse_the_plan_with_the_migration_message() throws IOException {
        addToCoreClusterFolder("cluster-settings.yaml", "extra/cluster-settings.yaml");
        Files.writeString(templates.resolve("adp/core/clusters/instance/kustomization.yaml"),
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - cluster-settings.yaml\n  - flux-system\n");
        Files.writeString(templates.resolve("adp/extra/flux-system-kustomization.yaml"),
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - gotk-components.yaml\n");
        Files.writeString(templates.resolve("adp/extra/gotk-components.yaml"),
                "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: gitrepositories.source.toolkit.fluxcd.io\n");
        addToCoreClusterFolder("flux-system/kustomization.yaml", "extra/flux-system-kustomization.yaml");
        addToCoreClusterFolder("flux-system/gotk-components.yaml", "extra/gotk-components.yaml");

        Cli.Result validate = run("validate", "snd4");
        Cli.Result plan = run("plan", "snd4", "--offline");
        Cli.Result planJson = run("plan", "snd4", "--offline", "-o", "json");

        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(validate.out()).contains("layout.yaml:").contains("flux.kustomizations.cluster.path: the flux configuration's"
                + " kustomization 'cluster' (./clusters/snd/04 of the core repository, prune: true) applies Flux's own installation"
                + " (clusters/snd/04/flux-system/gotk-components.yaml)").contains("Migrating from flux bootstrap: delete")
                .contains("the extension owns Flux");
        assertThat(validate.err()).contains("snd4: 1 problem");
        assertThat(plan.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(plan.out()).isEmpty();
        assertThat(plan.err()).startsWith("error: ").contains("applies Flux's own installation").contains("Migrating from flux bootstrap");
        JsonNode error = JSON.readTree(planJson.out()).get("error");
        assertThat(error.get("kind").asText()).isEqualTo("invalid-environment");
        assertThat(error.get("message").asText()).contains("gotk-components.yaml");
        assertThat(error.get("exitCode").asInt()).isEqualTo(ExitCodes.ERROR);
    }

    @Test
    void overlapping_paths_with_prune_are_an_error() throws IOException {
        addToCoreClusterFolder("cluster-settings.yaml", "extra/cluster-settings.yaml");

        Cli.Result validate = run("validate", "snd4", "--set", "flux.kustomizations.infra.path=./clusters/snd/04");
        Cli.Result json = run("validate", "snd4", "--set", "flux.kustomizations.infra.path=./clusters/snd/04", "-o", "json");

        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(validate.out()).contains("--set: flux.kustomizations.infra.path: ")
                .contains("both apply clusters/snd/04/cluster-settings.yaml (1 object)").contains("with prune: true");
        JsonNode problem = JSON.readTree(json.out()).at("/environments/0/problems/0");
        assertThat(problem.get("field").asText()).isEqualTo("flux.kustomizations.infra.path");
        assertThat(problem.get("message").asText()).contains("each deletes what the other applies");
    }

    @Test
    void overlapping_paths_without_prune_are_a_warning_that_changes_no_exit_code() throws IOException {
        addToCoreClusterFolder("cluster-settings.yaml", "extra/cluster-settings.yaml");
        String[] overlapping = {"--set", "flux.kustomizations.infra.path=./clusters/snd/04", "--set", "flux.kustomizations.infra.prune=false",
                "--set", "flux.kustomizations.cluster.prune=false"};

        Cli.Result validate = run("validate", concat(new String[]{"snd4"}, overlapping));
        Cli.Result validateJson = run("validate", concat(new String[]{"snd4", "-o", "json"}, overlapping));
        Cli.Result plan = run("plan", concat(new String[]{"snd4", "--offline"}, overlapping));
        Cli.Result planJson = run("plan", concat(new String[]{"snd4", "--offline", "-o", "json"}, overlapping));

        assertThat(validate.exitCode()).as(validate.toString()).isZero();
        assertThat(validate.out()).startsWith("warning: ").contains("both apply clusters/snd/04/cluster-settings.yaml")
                .contains("without prune nothing is deleted");
        assertThat(validate.err()).contains("1 environment checked: 1 valid");
        JsonNode environment = JSON.readTree(validateJson.out()).at("/environments/0");
        assertThat(environment.get("valid").asBoolean()).isTrue();
        assertThat(environment.at("/warnings/0/message").asText()).contains("both apply");
        assertThat(plan.exitCode()).isZero();
        assertThat(plan.out()).startsWith("Plan for snd4:").contains("\nwarning: ").contains("both apply");
        assertThat(JSON.readTree(planJson.out()).at("/warnings/0").asText()).contains("both apply");
    }

    @Test
    void without_a_finding_the_outputs_carry_no_warnings_field() throws IOException {
        Cli.Result validate = run("validate", "snd4", "-o", "json");
        Cli.Result plan = run("plan", "snd4", "--offline", "-o", "json");

        assertThat(JSON.readTree(validate.out()).at("/environments/0").has("warnings")).isFalse();
        assertThat(JSON.readTree(plan.out()).has("warnings")).isFalse();
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
