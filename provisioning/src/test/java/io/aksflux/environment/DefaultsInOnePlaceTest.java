package io.aksflux.environment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aksflux.error.EnvironmentException;
import io.aksflux.error.Origin;
import io.aksflux.error.Problem;
import io.aksflux.support.Workspaces;
import io.aksflux.template.TemplateSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each default lives in one place: the layout's facts in its layout.yaml, the platform's in defaults.yaml; the
 * schema only describes, and no layout is chosen behind the files' back.
 */
class DefaultsInOnePlaceTest {
    private static Path adpLayout() {
        return Workspaces.templates().resolve("adp/layout.yaml");
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return lines.indexOf(text) + 1;
    }

    @Test
    void the_schema_gives_no_defaults() throws IOException {
        assertThat(new ObjectMapper().readTree(Workspaces.environments().resolve("schema.json").toFile()).findValues("default")).isEmpty();
    }

    @Test
    void the_adp_kustomizations_and_source_are_the_layouts_and_their_lines_are_in_layout_yaml() throws IOException {
        EnvironmentLoader loader = new EnvironmentLoader(Workspaces.environments(), TemplateSource.directory(Workspaces.templates()), Map.of());

        assertThat(loader.origin("snd4", List.of(), "flux.source")).contains(new Origin(adpLayout().toString(), lineOf(adpLayout(), "  source: core")));
        assertThat(loader.origin("snd4", List.of(), "flux.kustomizations.cluster.prune").map(Origin::source)).contains(adpLayout().toString());
        assertThat(Files.readString(Workspaces.environments().resolve("defaults.yaml"))).doesNotContain("kustomizations:");
    }

    @Test
    void a_bad_value_in_the_layout_is_reported_at_its_line_in_layout_yaml(@TempDir Path copy) throws IOException {
        Path templates = copy.resolve("flux-templates");
        try (Stream<Path> files = Files.walk(Workspaces.templates())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = templates.resolve(Workspaces.templates().relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        Path layout = templates.resolve("adp/layout.yaml");
        Files.writeString(layout, Files.readString(layout).replaceFirst("      prune: true", "      prune: maybe"));
        EnvironmentLoader loader = new EnvironmentLoader(Workspaces.environments(), TemplateSource.directory(templates), Map.of());

        assertThatThrownBy(() -> loader.load("snd4", List.of())).isInstanceOf(EnvironmentException.class)
                .satisfies(e -> assertThat(((EnvironmentException) e).problems()).extracting(Problem::render).containsExactly(
                        layout + ":" + lineOf(layout, "      prune: maybe") + ": flux.kustomizations.cluster.prune: must be true or false,"
                                + " not text 'maybe'"));
    }

    @Test
    void without_a_layer_that_names_the_layout_none_is_assumed(@TempDir Path environments) throws IOException {
        Files.writeString(environments.resolve("defaults.yaml"),
                Files.readString(Workspaces.environments().resolve("defaults.yaml")).replace("layout: adp\n", ""));
        Files.copy(Workspaces.environments().resolve("snd4.yaml"), environments.resolve("snd4.yaml"));
        EnvironmentLoader loader = new EnvironmentLoader(environments, TemplateSource.directory(Workspaces.templates()), Map.of());

        assertThatThrownBy(() -> loader.load("snd4", List.of())).isInstanceOf(EnvironmentException.class)
                .satisfies(e -> assertThat(((EnvironmentException) e).problems()).extracting(Problem::field, Problem::message)
                        .contains(org.assertj.core.groups.Tuple.tuple("layout", "required field is missing; expected the name of a folder"
                                + " under flux-templates/ (lower-case letters, digits and '-')")));
    }
}
