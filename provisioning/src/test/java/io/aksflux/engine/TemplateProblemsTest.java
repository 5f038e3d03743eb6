package io.aksflux.engine;

import io.aksflux.error.Problem;
import io.aksflux.support.Workspaces;
import io.aksflux.template.TemplateSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A broken template set is reported by validate as a problem of the layout or template file, at its line, text inert. */
class TemplateProblemsTest {
    @TempDir
    Path environments;
    @TempDir
    Path templates;

    @BeforeEach
    void copyTheShippedFiles() throws IOException {
        Files.copy(Workspaces.environments().resolve("defaults.yaml"), environments.resolve("defaults.yaml"));
        Files.copy(Workspaces.environments().resolve("snd4.yaml"), environments.resolve("snd4.yaml"));
        try (Stream<Path> files = Files.walk(Workspaces.templates())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = templates.resolve(Workspaces.templates().relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
    }

    private List<Problem> problemsOfSnd4() {
        ValidationReport report = new Workspace(environments, TemplateSource.directory(templates), Map.of()).validate(List.of("snd4"), List.of());
        return report.results().get(0).problems();
    }

    @Test
    void a_missing_template_is_a_problem_of_the_layout_entry_with_its_line_and_control_characters_escaped() throws IOException {
        Path layout = templates.resolve("adp/layout.yaml");
        int entryLine = (int) Files.readString(layout).lines().count() + 1;
        Files.writeString(layout, "  - repo: core\n    path: extra.yaml\n    template: \"mi\\e[31mssing.yaml\"\n",
                java.nio.file.StandardOpenOption.APPEND);

        List<Problem> problems = problemsOfSnd4();

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).origin().source()).isEqualTo(layout.toString());
        assertThat(problems.get(0).origin().line()).isEqualTo(entryLine);
        assertThat(problems.get(0).field()).isEqualTo("template");
        assertThat(problems.get(0).message()).startsWith("template file missing: ").contains("mi\\e[31mssing.yaml").doesNotContain("\u001b");
    }

    @Test
    void an_unknown_placeholder_is_a_problem_of_the_template_file_at_its_line() throws IOException {
        Path template = templates.resolve("adp/core/clusters/instance/kustomization.yaml");
        Files.writeString(template, Files.readString(template) + "metadata:\n  name: \"{{azure.region}}\"\n");
        int line = (int) Files.readString(template).lines().count();

        List<Problem> problems = problemsOfSnd4();

        assertThat(problems).extracting(Problem::render).containsExactly(template + ":" + line
                + ": unknown placeholder {{azure.region}}; templates may use {{environment}}, {{env.code}}, {{env.instance}},"
                + " {{env.number}} and any scalar field of the environment such as {{repos.services.url}}");
    }
}
