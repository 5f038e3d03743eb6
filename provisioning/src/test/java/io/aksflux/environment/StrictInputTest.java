package io.aksflux.environment;

import io.aksflux.config.YamlConfigReader;
import io.aksflux.engine.ValidationReport;
import io.aksflux.error.Problem;
import io.aksflux.support.EnvironmentProblems;
import io.aksflux.support.Workspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input means exactly what it says: whatever a file or a --set could be read as in more than one way, or only by
 * guessing, is refused with the file, the line and what is allowed.
 */
class StrictInputTest {
    private static final String VALID = """
            azure:
              subscriptionId: 00000000-0000-0000-0000-000000000042
              resourceGroup: TSTADPINFRG1403
              cluster: TSTADPINFAK1403
            """;

    @TempDir
    Path environments;

    /** Validates {@code tst3} over the shipped defaults; each problem as "FILE:LINE: field: message", the file by its name. */
    private List<String> problemsOf(byte[] file, List<String> overrides) throws IOException {
        return EnvironmentProblems.named(EnvironmentProblems.tst3(environments, file, Map.of()).validate(List.of("tst3"), overrides));
    }

    private List<String> problemsOf(String file) throws IOException {
        return problemsOf(file.getBytes(StandardCharsets.UTF_8), List.of());
    }

    private Environment load(String file, List<String> overrides) throws IOException {
        return EnvironmentProblems.tst3(environments, file.getBytes(StandardCharsets.UTF_8), Map.of()).environment("tst3", overrides);
    }

    @Test
    void a_second_block_with_the_same_key_is_refused_naming_both_lines() throws IOException {
        assertThat(problemsOf(VALID + "azure:\n  cluster: OTHER\n")).containsExactly(
                "tst3.yaml:5: azure: duplicate key 'azure', first written on line 1; a key may appear once in a mapping, so merge the two");
    }

    @Test
    void a_key_written_twice_in_a_nested_mapping_is_refused_with_its_field() throws IOException {
        assertThat(problemsOf(VALID + "  cluster: OTHER\n")).containsExactly(
                "tst3.yaml:5: azure.cluster: duplicate key 'cluster', first written on line 4; a key may appear once in a mapping, so merge the two");
    }

    @Test
    void a_set_value_with_a_line_break_is_refused_naming_the_set_option() throws IOException {
        assertThat(problemsOf(VALID.getBytes(StandardCharsets.UTF_8), List.of("azure.cluster=AKSX\nv: OTHER"))).containsExactly(
                "--set: azure.cluster: the value 'AKSX\\nv: OTHER' holds the control character \\n;"
                        + " a --set value is a single line of plain text, e.g. --set azure.cluster=my-aks");
    }

    @Test
    void a_set_value_with_an_escape_character_is_refused_and_quoted_escaped() throws IOException {
        assertThat(problemsOf(VALID.getBytes(StandardCharsets.UTF_8), List.of("flux.name=\u001b[2Jx"))).singleElement().asString()
                .startsWith("--set: flux.name: the value '\\e[2Jx' holds the control character \\e;");
    }

    @Test
    void a_set_value_starting_with_a_hash_is_that_text_not_a_comment() throws IOException {
        Environment env = load(VALID, List.of("flux.kustomizations.infra.substitute.COLOUR=#fff", "extension.settings.note=#",
                "flux.kustomizations.infra.substitute.TAG=# not a comment"));

        assertThat(substituteOfInfra(env)).containsEntry("COLOUR", "#fff").containsEntry("TAG", "# not a comment");
        assertThat(env.extension().settings()).containsEntry("note", "#");
    }

    @Test
    void only_the_exact_word_null_in_a_set_value_removes_a_key() throws IOException {
        Environment env = load(VALID + "flux:\n  kustomizations:\n    infra:\n      substitute:\n        GONE: x\n",
                List.of("flux.kustomizations.infra.substitute.TILDE=~", "flux.kustomizations.infra.substitute.UPPER=NULL",
                        "flux.kustomizations.infra.substitute.EMPTY=", "flux.kustomizations.infra.substitute.GONE=null"));

        assertThat(substituteOfInfra(env)).containsEntry("TILDE", "~").containsEntry("UPPER", "NULL").containsEntry("EMPTY", "")
                .doesNotContainKey("GONE");
    }

    private static Map<String, String> substituteOfInfra(Environment env) {
        return env.flux().kustomizations().stream().filter(k -> k.name().equals("infra")).findFirst().orElseThrow().substitute();
    }

    @Test
    void a_set_value_is_one_scalar_never_yaml_structure() throws IOException {
        Environment env = load(VALID, List.of("flux.kustomizations.infra.substitute.A={b: c}",
                "flux.kustomizations.infra.substitute.B=[1, 2]", "flux.kustomizations.infra.substitute.C=x # not a comment",
                "flux.kustomizations.infra.substitute.D=\"quoted\"", "flux.kustomizations.infra.substitute.E=&anchor v"));

        Map<String, String> substitute = env.flux().kustomizations().stream().filter(k -> k.name().equals("infra"))
                .findFirst().orElseThrow().substitute();
        assertThat(substitute).containsEntry("A", "{b: c}").containsEntry("B", "[1, 2]").containsEntry("C", "x # not a comment")
                .containsEntry("D", "\"quoted\"").containsEntry("E", "&anchor v");
    }

    @Test
    void a_set_value_keeps_the_types_of_plain_yaml_scalars_and_null_removes() throws IOException {
        Environment env = load(VALID, List.of("flux.suspend=true", "flux.interval=120", "flux.kustomizations.services=null"));

        assertThat(env.flux().suspend()).isTrue();
        assertThat(env.flux().interval()).hasSeconds(120);
        assertThat(env.flux().kustomizations()).extracting(Environment.KustomizationSpec::name).doesNotContain("services");
    }

    @Test
    void a_file_that_is_not_utf8_is_refused_at_its_line_and_column() throws IOException {
        byte[] file = (VALID + "flux:\n  name: caf").getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = java.util.Arrays.copyOf(file, file.length + 2);
        latin1[file.length] = (byte) 0xE9; // é in ISO-8859-1
        latin1[file.length + 1] = '\n';

        assertThat(problemsOf(latin1, List.of())).containsExactly(
                "tst3.yaml:6: column 12: byte 0xE9 is not UTF-8 text; environment files are UTF-8, save the file in that encoding");
    }

    @Test
    void a_nul_character_is_refused_at_its_line_and_column() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  name: a\u0000b\n")).containsExactly(
                "tst3.yaml:6: column 10: character \\0 (U+0000) is not allowed; YAML files hold printable text, tabs and line breaks only");
    }

    @Test
    void a_line_separator_that_would_shift_line_numbers_is_refused() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  name: a\u2028b\n")).singleElement().asString()
                .startsWith("tst3.yaml:6: column 10: character \\u2028 (U+2028) is not allowed");
    }

    @Test
    void nesting_deeper_than_the_cap_is_refused_at_its_line() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  name: " + "[".repeat(5000) + "]".repeat(5000) + "\n")).containsExactly(
                "tst3.yaml:6: nested more than 20 levels deep; environment files need at most 5");
    }

    @Test
    void anchors_are_refused_at_their_line_so_no_alias_can_multiply_a_value() throws IOException {
        String laughs = "x: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\ny: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n";

        assertThat(problemsOf(VALID + laughs)).containsExactly("tst3.yaml:5: anchors (&a) are not supported;"
                + " write the value out, or put values shared by every environment in defaults.yaml");
    }

    @Test
    void an_alias_is_refused_at_its_line() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  name: *a\n")).containsExactly("tst3.yaml:6: aliases (*name) are not supported;"
                + " write the value out, or put values shared by every environment in defaults.yaml");
    }

    @Test
    void a_tag_beyond_the_plain_types_is_refused_at_its_line() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  name: !!binary Zmx1eA==\n")).containsExactly(
                "tst3.yaml:6: flux.name: the tag '!!binary' is not supported; allowed: !!str, !!int, !!float, !!bool, !!null, or none");
    }

    @Test
    void a_plain_type_tag_whose_value_does_not_fit_is_refused_at_its_line() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  interval: !!int soon\n")).containsExactly(
                "tst3.yaml:6: flux.interval: 'soon' is not a valid !!int");
    }

    @Test
    void an_unquoted_date_stays_the_text_as_written() throws IOException {
        Environment env = load(VALID + "  apiVersions:\n    extensions: 2025-03-01\n", List.of());

        assertThat(env.azure().extensionsApiVersion()).isEqualTo("2025-03-01");
    }

    @Test
    void yes_and_sexagesimal_numbers_are_not_guessed_into_other_types() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  suspend: yes\n  interval: 1:30\n")).containsExactly(
                "tst3.yaml:6: flux.suspend: must be true or false, not text 'yes'",
                "tst3.yaml:7: flux.interval: '1:30' is not valid; expected a positive number of seconds (300) or a duration such as 5m, 90s or 1h30m");
    }

    @Test
    void a_number_with_a_leading_zero_is_decimal() throws IOException {
        Environment env = load(VALID + "flux:\n  interval: 010\n", List.of("flux.timeout=0o17"));

        assertThat(env.flux().interval()).hasSeconds(10);
        assertThat(env.flux().timeout()).hasSeconds(15);
    }

    @Test
    void a_second_yaml_document_is_refused_at_its_line() throws IOException {
        assertThat(problemsOf(VALID + "---\nazure:\n  cluster: OTHER\n")).containsExactly(
                "tst3.yaml:5: a second YAML document (after ---) is not allowed; a file holds one mapping");
    }

    @Test
    void an_empty_environment_file_is_reported_as_itself_not_as_defaults() throws IOException {
        assertThat(problemsOf("# nothing yet\n")).containsExactly(
                "tst3.yaml:1: the file is empty; an environment file sets at least azure.subscriptionId, azure.resourceGroup, azure.cluster");
    }

    @Test
    void a_file_over_one_mebibyte_is_refused_saying_the_cap_and_where_it_passes_it() throws IOException {
        String big = VALID + "# " + "x".repeat(YamlConfigReader.MAX_BYTES) + "\n";

        assertThat(problemsOf(big)).containsExactly("tst3.yaml:5: the file is larger than 1 MiB (1048576 bytes),"
                + " the most an environment file may hold; it passes that on this line");
    }

    @Test
    void a_file_with_the_yml_extension_is_reported_by_validate_and_when_named() throws IOException {
        Files.copy(Workspaces.environments().resolve("defaults.yaml"), environments.resolve("defaults.yaml"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(environments.resolve("tst2.yaml"), VALID);
        Files.writeString(environments.resolve("tst3.yml"), VALID);
        String expected = "tst3.yml: environment files end in .yaml, so this one is not read; rename it to 'tst3.yaml'";

        ValidationReport all = Workspaces.of(environments, Map.of()).validate(List.of(), List.of());
        assertThat(EnvironmentProblems.named(all)).containsExactly(expected);
        assertThat(all.results()).extracting(ValidationReport.Result::environment).containsExactly("tst3.yml", "tst2");
        assertThat(EnvironmentProblems.named(Workspaces.of(environments, Map.of()).validate(List.of("tst3"), List.of()))).containsExactly(expected);
    }

    @Test
    void one_placeholder_naming_nothing_is_one_problem_where_it_is_written() throws IOException {
        // defaults.yaml refers to azure.cluster three times; none of them repeats the problem
        assertThat(problemsOf(VALID.replace("cluster: TSTADPINFAK1403", "cluster: \"{{azure.nope}}\""))).containsExactly(
                "tst3.yaml:4: azure.cluster: {{azure.nope}} names no field that is set;"
                        + " allowed: {{environment}}, {{env.code}}, {{env.instance}}, {{env.number}} or the path of another field");
    }

    @Test
    void placeholders_in_a_loop_are_one_problem() throws IOException {
        assertThat(problemsOf(VALID.replace("cluster: TSTADPINFAK1403", "cluster: \"{{flux.name}}\"")
                + "flux:\n  name: \"{{azure.cluster}}\"\n")).containsExactly(
                "tst3.yaml:6: flux.name: placeholders refer to each other in a loop: {{flux.name}} -> {{azure.cluster}}"
                        + " -> {{flux.name}}; one of these fields must hold a value");
    }

    @Test
    void an_invalid_value_with_control_characters_is_quoted_escaped() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  name: \"red\\e[31m\\nline\"\n")).singleElement().asString()
                .startsWith("tst3.yaml:6: flux.name: 'red\\e[31m\\nline' is not valid; expected an RFC 1123 name");
    }

    @Test
    void a_free_form_value_with_a_control_character_is_refused_naming_file_line_and_field() throws IOException {
        assertThat(problemsOf(VALID + "extension:\n  settings:\n    note: \"red\\e[31m\"\n")).singleElement().asString()
                .isEqualTo("tst3.yaml:7: extension.settings.note: the value holds the control character \\e at character 4;"
                        + " a value is text without control characters (tab and line feed are allowed)");
    }

    @Test
    void a_free_form_key_with_a_control_character_is_refused_naming_file_line_and_field() throws IOException {
        assertThat(problemsOf(VALID + "extension:\n  settings:\n    \"a\\x07b\": x\n")).singleElement().asString()
                .isEqualTo("tst3.yaml:7: extension.settings.a\\ab: the key holds the control character \\a at character 2;"
                        + " a key is text without control characters (tab and line feed are allowed)");
    }

    @Test
    void a_value_with_a_carriage_return_a_c1_control_or_a_line_separator_is_refused() throws IOException {
        for (String escape : List.of("\\r", "\\x85", "\\x9b", "\\L", "\\0")) {
            assertThat(problemsOf(VALID + "flux:\n  kustomizations:\n    infra:\n      substitute:\n        X: \"a" + escape + "b\"\n"))
                    .as(escape).singleElement().asString().startsWith("tst3.yaml:9: flux.kustomizations.infra.substitute.X: the value holds"
                            + " the control character ");
        }
    }

    @Test
    void a_value_with_a_tab_or_a_line_feed_is_kept_as_text() throws IOException {
        Environment env = load(VALID + "extension:\n  settings:\n    note: \"a\\tb\\nc\"\n", List.of());

        assertThat(env.extension().settings()).containsEntry("note", "a\tb\nc");
    }

    @Test
    void an_unknown_key_with_control_characters_is_named_escaped() throws IOException {
        assertThat(problemsOf(VALID + "\"ke\\ey\": 1\n")).singleElement().asString().startsWith("tst3.yaml:5: ke\\ey: unknown key");
    }

    @Test
    void a_long_invalid_value_is_quoted_cut_with_its_length() throws IOException {
        assertThat(problemsOf(VALID + "flux:\n  scope: " + "c".repeat(5000) + "\n")).singleElement().asString()
                .isEqualTo("tst3.yaml:6: flux.scope: '" + "c".repeat(80) + "…' (5000 characters) is not allowed; allowed: cluster, namespace");
    }

    @Test
    void every_problem_of_a_strict_read_is_a_domain_problem_with_a_line() throws IOException {
        for (String broken : List.of("a: [", "- list\n- root\n", "? [complex]\n: key\n", "a: b\n\tc: d\n", "%YAML 9.9\n---\na: 1\n")) {
            assertThat(problemsOf(broken)).as(Problem.quote(broken)).singleElement().asString().matches("tst3\\.yaml:[1-9][0-9]*: .*");
        }
    }
}
