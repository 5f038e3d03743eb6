package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ValidateCommandTest {

    @Test
    void all_shipped_environments_are_valid() {
        Cli.Result result = Cli.run("validate", "--environments", Cli.ENVIRONMENTS);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("9 environments checked: 9 valid");
    }

    @Test
    void a_broken_file_exits_1_with_file_line_field_and_message_and_no_stack_trace(@TempDir Path dir) throws IOException {
        Files.copy(Path.of(Cli.ENVIRONMENTS, "defaults.yaml"), dir.resolve("defaults.yaml"));
        Files.copy(Path.of(Cli.ENVIRONMENTS, "snd4.yaml"), dir.resolve("snd4.yaml"));
        Files.writeString(dir.resolve("tst3.yaml"), "azure:\n  subscriptionId: nope\n  resourceGroup: rg\n  cluster: aks\n  regoin: uksouth\n");

        Cli.Result result = Cli.run("validate", "--environments", dir.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out().lines()).containsExactly(
                dir.resolve("tst3.yaml") + ":2: azure.subscriptionId: 'nope' is not valid; expected a GUID such as 00000000-0000-0000-0000-000000000000",
                dir.resolve("tst3.yaml") + ":5: azure.regoin: unknown key; allowed: subscriptionId, tenantId, resourceGroup, cluster, apiVersions");
        assertThat(result.err()).contains("tst3: 2 problems", "2 environments checked: 1 valid, 1 with problems")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void only_the_named_environments_are_checked() {
        Cli.Result result = Cli.run("validate", "--environments", Cli.ENVIRONMENTS, "snd4", "prd1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).contains("2 environments checked: 2 valid");
    }

    @Test
    void an_unknown_environment_is_reported_with_the_known_ones() {
        Cli.Result result = Cli.run("validate", "--environments", Cli.ENVIRONMENTS, "snd9");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("snd9.yaml: no such environment file; known environments: dev1, prd1, pre1, snd1, snd2, snd3, snd4, tst1, tst2");
    }

    @Test
    void json_output_is_one_object_pipelines_can_read(@TempDir Path dir) throws IOException {
        Files.copy(Path.of(Cli.ENVIRONMENTS, "defaults.yaml"), dir.resolve("defaults.yaml"));
        Files.writeString(dir.resolve("dev2.yaml"), "azure:\n  subscriptionId: 00000000-0000-0000-0000-000000000001\n  resourceGroup: rg\n");

        Cli.Result result = Cli.run("validate", "--environments", dir.toString(), "--output", "json");

        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(json.get("valid").asBoolean()).isFalse();
        JsonNode problem = json.at("/environments/0/problems/0");
        assertThat(problem.get("file").asText()).endsWith("dev2.yaml");
        assertThat(problem.get("line").asInt()).isEqualTo(1);
        assertThat(problem.get("field").asText()).isEqualTo("azure.cluster");
        assertThat(problem.get("message").asText()).startsWith("required field is missing");
    }

    @Test
    void a_file_that_would_be_ignored_for_its_extension_fails_validation(@TempDir Path dir) throws IOException {
        Files.copy(Path.of(Cli.ENVIRONMENTS, "defaults.yaml"), dir.resolve("defaults.yaml"));
        Files.copy(Path.of(Cli.ENVIRONMENTS, "snd4.yaml"), dir.resolve("snd4.yaml"));
        Files.copy(Path.of(Cli.ENVIRONMENTS, "tst2.yaml"), dir.resolve("tst3.yml"));

        Cli.Result all = Cli.run("validate", "--environments", dir.toString());
        Cli.Result named = Cli.run("validate", "--environments", dir.toString(), "tst3");

        String expected = dir.resolve("tst3.yml") + ": environment files end in .yaml, so this one is not read; rename it to 'tst3.yaml'";
        assertThat(all.exitCode()).isEqualTo(1);
        assertThat(all.out().lines()).containsExactly(expected);
        assertThat(all.err()).contains("2 environments checked: 1 valid, 1 with problems");
        assertThat(named.exitCode()).isEqualTo(1);
        assertThat(named.out().lines()).containsExactly(expected);
    }

    @Test
    void a_set_value_across_lines_is_refused_not_read_as_yaml() {
        Cli.Result result = Cli.run("validate", "--environments", Cli.ENVIRONMENTS, "snd4", "--set", "azure.cluster=AKSX\nv: OTHER");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out() + result.err()).contains("--set: azure.cluster: the value 'AKSX\\nv: OTHER' holds the control character \\n;"
                + " a --set value is a single line of plain text").doesNotContain("Exception");
    }

    @Test
    void a_missing_environments_folder_is_an_error_not_a_crash() {
        Cli.Result result = Cli.run("validate", "--environments", "/nonexistent/environments");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("environments folder not found; pass --environments DIR").doesNotContain("Exception");
    }
}
