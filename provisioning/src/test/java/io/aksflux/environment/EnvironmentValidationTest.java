package io.aksflux.environment;

import io.aksflux.support.EnvironmentProblems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One test per validation rule: given a broken environment file, validate names file, line, field and what is allowed. */
class EnvironmentValidationTest {
    private static final String VALID = """
            azure:
              subscriptionId: 00000000-0000-0000-0000-000000000042
              resourceGroup: TSTADPINFRG1403
              cluster: TSTADPINFAK1403
            """;

    @TempDir
    Path environments;

    private List<String> problemsOf(String file) throws IOException {
        return problemsOf(file, List.of(), Map.of());
    }

    /** Validates {@code tst3.yaml} with the shipped defaults and returns each problem as "LINE: field: message". */
    private List<String> problemsOf(String file, List<String> overrides, Map<String, String> processEnv) throws IOException {
        return EnvironmentProblems.of(environments, file, processEnv, overrides);
    }

    @Test
    void a_complete_file_is_valid() throws IOException {
        assertThat(problemsOf(VALID)).isEmpty();
    }

    @Test
    void an_unknown_key_is_named_with_a_suggestion_and_the_allowed_keys() throws IOException {
        assertThat(problemsOf(VALID + "  resourceGrup: x\n")).containsExactly(
                "5: azure.resourceGrup: unknown key (did you mean 'resourceGroup'?); allowed: subscriptionId, tenantId, resourceGroup, cluster, apiVersions");
    }

    @Test
    void an_unknown_top_level_key_far_from_any_allowed_one_gets_no_suggestion() throws IOException {
        assertThat(problemsOf(VALID + "kubernetes: {}\n")).containsExactly(
                "5: kubernetes: unknown key; allowed: layout, values, azure, repos, extension, flux, git, seed, notifications, deployKeys");
    }

    @Test
    void a_missing_required_field_is_reported_where_its_parent_is_written() throws IOException {
        assertThat(problemsOf(VALID.replace("  cluster: TSTADPINFAK1403\n", ""))).containsExactly(
                "1: azure.cluster: required field is missing; expected 1 to 63 letters, digits, '-' or '_', starting and ending with a letter or digit");
    }

    @Test
    void fields_missing_from_every_layer_are_reported_where_their_section_is_written() throws IOException {
        assertThat(problemsOf("layout: adp\n")).containsExactly(
                "defaults.yaml:6: azure.subscriptionId: required field is missing; expected a GUID such as 00000000-0000-0000-0000-000000000000",
                "defaults.yaml:6: azure.resourceGroup: required field is missing; expected 1 to 90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'",
                "defaults.yaml:6: azure.cluster: required field is missing; expected 1 to 63 letters, digits, '-' or '_', starting and ending with a letter or digit");
    }

    @Test
    void a_name_that_is_not_rfc_1123_is_refused() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  name: Flux_Config\n")).containsExactly(
                "6: flux.name: 'Flux_Config' is not valid; expected an RFC 1123 name: at most 63 lower-case letters, digits or '-', starting and ending with a letter or digit");
    }

    @Test
    void a_kustomization_name_that_is_not_rfc_1123_is_refused() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  kustomizations:\n    Apps:\n      path: ./apps\n"))
                .singleElement().asString().startsWith("7: flux.kustomizations.Apps: 'Apps' is not valid; expected an RFC 1123 name");
    }

    @Test
    void a_configuration_and_kustomization_name_longer_than_62_characters_together_are_refused() throws IOException {
        String longName = "a".repeat(56);
        List<String> problems = problemsOf(VALID + "flux:\n  name: " + longName + "\n");

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).endsWith("flux.kustomizations.cluster: flux.name '" + longName + "' plus this name is 63 characters;"
                + " together they must fit in 62 because Flux names the object '" + longName + "-cluster'");
        assertThat(problems.get(1)).contains("flux.kustomizations.services: flux.name '" + longName + "' plus this name is 64 characters");
    }

    @Test
    void depends_on_an_unknown_kustomization_is_refused_with_a_suggestion() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  kustomizations:\n    infra:\n      dependsOn: [clustr]\n")).containsExactly(
                "8: flux.kustomizations.infra.dependsOn[0]: unknown kustomization 'clustr' (did you mean 'cluster'?); allowed: cluster, infra, services");
    }

    @Test
    void dependencies_that_form_a_cycle_are_refused() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  kustomizations:\n    cluster:\n      dependsOn: [services]\n"))
                .singleElement().asString()
                .endsWith("flux.kustomizations.cluster.dependsOn: dependencies form a cycle: cluster -> services -> cluster; remove one of these dependsOn entries");
    }

    @Test
    void a_kustomization_that_depends_on_itself_is_refused() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  kustomizations:\n    infra:\n      dependsOn: [infra]\n")).containsExactly(
                "8: flux.kustomizations.infra.dependsOn[0]: a kustomization cannot depend on itself");
    }

    @Test
    void a_non_positive_interval_is_refused() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  interval: 0\n")).containsExactly(
                "6: flux.interval: 0 is too small; expected a positive number of seconds (300) or a duration such as 5m, 90s or 1h30m");
        assertThat(problemsOf(VALID + "flux:\n  kustomizations:\n    infra:\n      timeout: 0s\n")).containsExactly(
                "8: flux.kustomizations.infra.timeout: '0s' is not valid; expected a positive number of seconds (300) or a duration such as 5m, 90s or 1h30m");
    }

    @Test
    void a_malformed_interval_is_refused() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  timeout: 5 minutes\n")).containsExactly(
                "6: flux.timeout: '5 minutes' is not valid; expected a positive number of seconds (300) or a duration such as 5m, 90s or 1h30m");
    }

    @Test
    void a_repository_url_with_another_scheme_is_refused() throws IOException {
        assertThat(problemsOf(VALID + "repos:\n  core:\n    url: http://git.example.com/core\n")).containsExactly(
                "7: repos.core.url: 'http://git.example.com/core' is not valid; expected an https://, ssh://, git@host:path or file:// URL");
    }

    @Test
    void every_allowed_url_form_is_accepted() throws IOException {
        for (String url : List.of("https://dev.azure.com/org/p/_git/core", "ssh://git@github.com/o/core.git",
                "git@github.com:o/core.git", "file:///tmp/core.git")) {
            assertThat(problemsOf(VALID + "repos:\n  core:\n    url: " + url + "\n")).as(url).isEmpty();
        }
    }

    @Test
    void a_kustomization_path_that_is_not_relative_is_refused() throws IOException {
        String expected = "; expected a path relative to the repository root starting with ./ and without '..', e.g. ./clusters/snd/04";
        assertThat(problemsOf(VALID + "flux:\n  kustomizations:\n    cluster:\n      path: /clusters/tst/03\n"))
                .containsExactly("8: flux.kustomizations.cluster.path: '/clusters/tst/03' is not valid" + expected);
        assertThat(problemsOf(VALID + "flux:\n  kustomizations:\n    cluster:\n      path: ./clusters/../../etc\n"))
                .containsExactly("8: flux.kustomizations.cluster.path: './clusters/../../etc' is not valid" + expected);
    }

    @Test
    void a_value_of_the_wrong_type_names_the_type_expected() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  kustomizations:\n    cluster:\n      prune: yes please\n")).containsExactly(
                "8: flux.kustomizations.cluster.prune: must be true or false, not text 'yes please'");
    }

    @Test
    void a_value_outside_an_enumeration_lists_the_allowed_values() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  scope: Cluster\n")).containsExactly(
                "6: flux.scope: 'Cluster' is not allowed (did you mean 'cluster'?); allowed: cluster, namespace");
    }

    @Test
    void a_missing_process_variable_is_named() throws IOException {
        String file = VALID.replace("00000000-0000-0000-0000-000000000042", "${env:TST3_SUBSCRIPTION_ID}");
        assertThat(problemsOf(file)).containsExactly("2: azure.subscriptionId: environment variable TST3_SUBSCRIPTION_ID is not set");
    }

    @Test
    void a_process_variable_supplies_a_value() throws IOException {
        String file = VALID.replace("00000000-0000-0000-0000-000000000042", "${env:TST3_SUBSCRIPTION_ID}");
        assertThat(problemsOf(file, List.of(), Map.of("TST3_SUBSCRIPTION_ID", "11111111-2222-3333-4444-555555555555"))).isEmpty();
    }

    @Test
    void a_protected_setting_written_as_a_literal_is_refused_without_repeating_it() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  protectedSettings:\n    httpsKey: ghp-literal-token\n")).containsExactly(
                "7: flux.protectedSettings.httpsKey: is a literal value (not shown); expected a reference, never the secret itself:"
                        + " ${env:NAME} or ${keyvault:VAULT/SECRET}");
    }

    @Test
    void protected_setting_references_are_checked_without_reading_the_variable_or_the_vault() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  protectedSettings:\n    httpsKey: ${env:CORE_GIT_TOKEN}\n"
                + "extension:\n  protectedSettings:\n    proxy.password: ${keyvault:platform-kv/proxy-password}\n")).isEmpty();
    }

    @Test
    void an_override_is_checked_like_a_file_value_and_named_as_such() throws IOException {
        assertThat(problemsOf(VALID, List.of("flux.interval=soon"), Map.of())).containsExactly(
                "--set:0: flux.interval: 'soon' is not valid; expected a positive number of seconds (300) or a duration such as 5m, 90s or 1h30m");
    }

    @Test
    void a_placeholder_naming_no_field_is_refused() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  kustomizations:\n    infra:\n      substitute:\n        X: \"{{azure.location}}\"\n"))
                .containsExactly("9: flux.kustomizations.infra.substitute.X: {{azure.location}} names no field that is set;"
                        + " allowed: {{environment}}, {{env.code}}, {{env.instance}}, {{env.number}} or the path of another field");
    }

    @Test
    void yaml_that_does_not_parse_is_reported_with_its_line() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  name: [unclosed\n")).singleElement().asString().startsWith("7: : not valid YAML");
    }

    @Test
    void every_problem_is_reported_at_once_in_file_order() throws IOException {
        assertThat(problemsOf(VALID.replace("  cluster: TSTADPINFAK1403\n", "  clustr: aks\n")
                + "repos:\n  core:\n    url: http://x\nflux:\n  interval: -1\n  kustomizations:\n    infra:\n      dependsOn: [nope]\n"))
                .extracting(p -> p.substring(0, p.indexOf(':', p.indexOf(':') + 1)))
                .containsExactly("1: azure.cluster", "4: azure.clustr", "7: repos.core.url", "9: flux.interval",
                        "12: flux.kustomizations.infra.dependsOn[0]");
    }
}
