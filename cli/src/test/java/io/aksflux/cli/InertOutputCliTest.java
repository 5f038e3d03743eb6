package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Untrusted text is inert in output: a value that tries to be an Azure DevOps logging command, a terminal escape or
 * a forged {@code error:} line reaches stdout and stderr escaped, through the real command line, whichever writer
 * prints it (validation, errors, parse errors, plan text and JSON, progress in Azure DevOps' format).
 */
class InertOutputCliTest extends EstatePerTest {
    static final String HOSTILE = "x\n##vso[task.setvariable variable=PWNED]yes\u001b[2J\rerror: forged\u009b31m##[error]fake\u202e";
    /** Short enough for a cluster name, so that validation quotes it. */
    static final String HOSTILE_NAME = "x\n##vso[task.setvariable variable=PWNED]yes\u001b[2J\rerror: forged";
    /** Printable, so that the template keeps it as text. */
    static final String COMMAND_ONLY = "x##vso[task.setvariable variable=PWNED]yes,##[error]fake";
    /** The only logging commands aksflux writes itself. */
    private static final List<String> OWN_COMMANDS = List.of("##vso[task.logissue type=warning]", "##vso[task.uploadsummary]", "##[group]",
            "##[endgroup]");
    private static final Pattern COMMAND = Pattern.compile("(?i)##(vso)?\\[");

    /** No control character but the line breaks, no forged line, no logging command that aksflux did not write. */
    static void assertInert(Cli.Result result) {
        for (String stream : List.of(result.out(), result.err())) {
            assertThat(stream.codePoints().filter(c -> c != '\n' && Inert.isUnsafe(c)).boxed().toList())
                    .as("control characters in\n%s", result).isEmpty();
            for (String line : stream.split("\n")) {
                assertThat(line).as("a forged line in\n%s", result).doesNotStartWith("error: forged").doesNotStartWith("##[error]");
                String own = OWN_COMMANDS.stream().filter(line::startsWith).findFirst().orElse("");
                assertThat(COMMAND.matcher(line.substring(own.length())).find())
                        .as("a logging command aksflux did not write: %s\n%s", line, result).isFalse();
            }
        }
    }

    @Test
    void validate_shows_a_hostile_cluster_name_escaped_in_text_and_json() throws Exception {
        Cli.Result text = Cli.run("validate", "snd4", "--environments", Cli.ENVIRONMENTS, "--set", "azure.cluster=" + HOSTILE_NAME);
        Cli.Result json = Cli.run("validate", "snd4", "--environments", Cli.ENVIRONMENTS, "--set", "azure.cluster=" + HOSTILE_NAME, "-o", "json");

        assertThat(text.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertInert(text);
        assertThat(text.out()).contains("azure.cluster: ").contains("\\n**vso[task.setvariable variable=PWNED]yes\\e[2J\\rerror: forged");
        assertInert(json);
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(report.at("/environments/0/problems/0/field").asText()).isEqualTo("azure.cluster");
    }

    @Test
    void an_error_quoting_a_hostile_value_starts_no_line_of_its_own() {
        Cli.Result result = Cli.run("plan", "snd4", "--offline", "--environments", Cli.ENVIRONMENTS, "--set", "azure.cluster=" + HOSTILE);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertInert(result);
        assertThat(result.err().lines().filter(l -> l.startsWith("error: "))).singleElement().asString().contains("azure.cluster");
    }

    @Test
    void a_hostile_option_value_in_a_parse_error_is_escaped() {
        Cli.Result result = Cli.run("validate", "--output", HOSTILE);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertInert(result);
        assertThat(result.err()).contains("--output").contains("**vso[task.setvariable");
    }

    @Test
    void plan_json_keeps_a_hostile_value_intact_for_a_parser_but_inert_for_the_log() throws Exception {
        Cli.Result result = Cli.run("plan", "snd4", "--offline", "-o", "json", "--environments", Cli.ENVIRONMENTS,
                "--set", "notifications.eventMetadata.note=" + COMMAND_ONLY);
        Cli.Result text = Cli.run("plan", "snd4", "--offline", "--environments", Cli.ENVIRONMENTS,
                "--set", "notifications.eventMetadata.note=" + HOSTILE);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertInert(result);
        assertInert(text);
        JsonNode plan = new ObjectMapper().readTree(result.out());
        assertThat(plan.findValuesAsText("content")).anySatisfy(content -> assertThat(content).contains(COMMAND_ONLY));
        assertThat(result.out()).contains("\\u0023#vso[task.setvariable");
    }

    @Test
    void progress_in_azure_devops_carries_only_aksfluxs_own_logging_commands() {
        estate.emulator.faults().failExtension("helm install failed: " + HOSTILE);

        Cli.Result result = estate.aksflux(Map.of("TF_BUILD", "True"), "apply", "snd4", "--yes");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertInert(result);
        assertThat(result.err()).contains("##[group]preflight: ", "##[endgroup]", "error: extension flux Failed: helm install failed: x\n"
                + "  **vso[task.setvariable variable=PWNED]yes\\u001B[2J\\rerror: forged\\u009B31m**[error]fake\\u202E\n");
    }
}
