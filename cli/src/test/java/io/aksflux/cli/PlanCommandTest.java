package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlanCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void offline_json_plan_is_exactly_one_object_with_the_documented_shape() throws IOException {
        // delivered as a Secret of aksflux's own, the notification secret is the plan's cluster entry
        Cli.Result result = Cli.run("plan", "snd4", "--offline", "--output", "json", "--environments", Cli.ENVIRONMENTS,
                "--set", "notifications.delivery=secret", "--set", "notifications.secretName=aksflux-notification");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode plan = JSON.readTree(result.out());
        assertThat(JSON.readerFor(JsonNode.class).readValues(result.out()).readAll()).hasSize(1);
        assertThat(plan.get("environment").asText()).isEqualTo("snd4");
        List<String> shapes = new ArrayList<>();
        for (JsonNode change : plan.get("changes")) {
            List<String> fields = new ArrayList<>();
            change.fieldNames().forEachRemaining(fields::add);
            shapes.add(String.join(",", fields));
        }
        assertThat(shapes).containsOnly("target,action,repo,path,content", "target,action,kind,namespace,name",
                "target,action,type,id,apiVersion,body");
        assertThat(plan.at("/changes/0/action").asText()).isEqualTo("create");
    }

    @Test
    void a_set_value_starting_with_a_hash_reaches_the_plan_as_that_text() throws IOException {
        Cli.Result result = Cli.run("plan", "snd4", "--offline", "-o", "json", "--environments", Cli.ENVIRONMENTS,
                "--set", "notifications.eventMetadata.note=#fff", "--set", "extension.settings.colour=#0a0");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode plan = new ObjectMapper().readTree(result.out());
        assertThat(plan.findValuesAsText("content")).anySatisfy(content -> assertThat(content).contains("note: '#fff'"));
        assertThat(plan.findValues("colour")).extracting(JsonNode::asText).contains("#0a0");
    }

    @Test
    void text_plan_groups_changes_by_target() {
        Cli.Result result = Cli.run("plan", "prd1", "--offline", "--environments", Cli.ENVIRONMENTS,
                "--set", "notifications.delivery=secret", "--set", "notifications.secretName=aksflux-notification");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Plan for prd1: 19 to create, 0 to update, 0 to delete, 0 unchanged")
                .containsSubsequence("Git repository 'core'", "  + clusters/prd/01/kustomization.yaml",
                        "Git repository 'services'", "  + services/environments/prd/01/kustomization.yaml",
                        "Cluster objects", "  + Secret flux-config/aksflux-notification",
                        "+ Microsoft.KubernetesConfiguration/extensions  api-version 2025-03-01",
                        "+ Microsoft.KubernetesConfiguration/fluxConfigurations  api-version 2025-04-01",
                        "properties.kustomizations.services.path = \"./services/prd/01\"");
    }

    @Test
    void detailed_exitcode_is_2_when_there_are_changes() {
        assertThat(Cli.run("plan", "snd1", "--offline", "--detailed-exitcode", "--environments", Cli.ENVIRONMENTS).exitCode())
                .isEqualTo(ExitCodes.CHANGES);
    }

    @Test
    void overrides_and_process_variables_reach_the_plan() throws IOException {
        Cli.Result result = Cli.run(Map.of("CLUSTER", "aks-from-pipeline"), "plan", "snd4", "--offline", "-o", "json",
                "--environments", Cli.ENVIRONMENTS, "--set", "azure.cluster=${env:CLUSTER}", "--set", "repos.core.branch=release");

        JsonNode changes = JSON.readTree(result.out()).get("changes");
        JsonNode flux = changes.get(changes.size() - 1); // the flux configuration comes last
        assertThat(flux.get("id").asText()).contains("/managedClusters/aks-from-pipeline/");
        assertThat(flux.at("/body/properties/gitRepository/repositoryRef/branch").asText()).isEqualTo("release");
    }

    @Test
    void an_invalid_environment_is_refused_before_planning() {
        Cli.Result result = Cli.run("plan", "snd4", "--offline", "--environments", Cli.ENVIRONMENTS, "--set", "flux.scope=global");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("error: --set: flux.scope: 'global' is not allowed; allowed: cluster, namespace");
    }

    @Test
    void an_unknown_option_exits_1_with_a_usage_hint() {
        Cli.Result result = Cli.run("plan", "snd4", "--ofline");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Unknown option: '--ofline'", "Run 'aksflux plan --help' for usage.");
    }

    @Test
    void several_environments_print_an_array_of_plans_in_the_order_named() throws IOException {
        Cli.Result result = Cli.run("plan", "snd4", "prd1", "tst2", "--offline", "-o", "json", "--environments", Cli.ENVIRONMENTS);

        JsonNode plans = JSON.readTree(result.out());
        assertThat(result.exitCode()).isZero();
        assertThat(plans.isArray()).isTrue();
        assertThat(plans.findValuesAsText("environment")).containsExactly("snd4", "prd1", "tst2");
    }
}
