package io.aksflux.template;

import io.aksflux.environment.Environment;
import io.aksflux.error.TemplateException;
import io.aksflux.support.Workspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Given a template set, when rendered for an environment, then placeholders fill scalars and nothing else. */
class TemplateSetTest {
    @TempDir
    Path templates;
    private Environment snd4;

    @BeforeEach
    void loadEnvironment(@TempDir Path environments) throws IOException {
        // a --set value is one line, so the value with YAML syntax across lines comes from the file
        Files.writeString(environments.resolve("defaults.yaml"), Files.readString(Workspaces.environments().resolve("defaults.yaml")));
        Files.writeString(environments.resolve("snd4.yaml"), Files.readString(Workspaces.environments().resolve("snd4.yaml")).replace(
                "      substitute:\n", "      substitute:\n        TRICKY: \"a: b\\n  injected: true # not yaml structure\"\n"));
        snd4 = Workspaces.of(environments, Map.of()).environment("snd4", List.of());
    }

    /** The layout's repositories are declared after its files, so the files' lines stay those of {@code layout}. */
    private static final String REPOSITORIES = "repositories:\n  core: {}\n  services: {}\n";

    private List<RenderedFile> render(String layout, String template) throws IOException {
        Files.createDirectories(templates.resolve("t"));
        Files.writeString(templates.resolve("t/layout.yaml"), layout.contains("repositories:") ? layout : layout + REPOSITORIES);
        Files.writeString(templates.resolve("t/file.yaml"), template);
        return TemplateSet.load(TemplateSource.directory(templates), "t").render(snd4);
    }

    private static final String ONE_FILE = "files:\n  - {repo: core, path: \"x/{{env.code}}/{{env.instance}}/file.yaml\", template: file.yaml}\n";

    @Test
    void placeholders_in_paths_and_values_take_the_environment_facts() throws IOException {
        List<RenderedFile> files = render(ONE_FILE, "name: \"{{environment}}-{{env.number}}\"\ncluster: \"{{azure.cluster}}\"\n");

        assertThat(files).containsExactly(new RenderedFile("core", "x/snd/04/file.yaml", "name: snd4-4\ncluster: SNDADPINFAK1404\n"));
    }

    @Test
    void a_value_with_yaml_syntax_stays_one_scalar() throws IOException {
        List<RenderedFile> files = render(ONE_FILE, "url: \"{{flux.kustomizations.infra.substitute.TRICKY}}\"\n");

        assertThat(new org.yaml.snakeyaml.Yaml().<Map<String, Object>>load(files.get(0).content()))
                .containsOnlyKeys("url").containsEntry("url", "a: b\n  injected: true # not yaml structure");
    }

    @Test
    void flux_substitution_variables_pass_through_untouched() throws IOException {
        List<RenderedFile> files = render(ONE_FILE, "env: \"${ENVIRONMENT}\"\nmixed: \"{{env.code}}-${CLUSTER_NAME}\"\n");

        assertThat(files.get(0).content()).isEqualTo("env: ${ENVIRONMENT}\nmixed: snd-${CLUSTER_NAME}\n");
    }

    @Test
    void an_escaped_brace_pair_is_literal_text_for_a_go_template_flux_renders() throws IOException {
        List<RenderedFile> files = render(ONE_FILE, "messageTemplate: '\\{{range .Updated.Images}}\\{{println .}}\\{{end}} {{env.code}}'\n");

        assertThat(files.get(0).content()).isEqualTo("messageTemplate: '{{range .Updated.Images}}{{println .}}{{end}} snd'\n");
    }

    @Test
    void a_file_the_layout_keeps_is_marked_so_and_an_unknown_existing_rule_is_refused() throws IOException {
        String keep = "files:\n  - {repo: core, path: x/kustomization.yaml, template: file.yaml, existing: keep}\n";
        assertThat(render(keep, "resources: []\n")).extracting(RenderedFile::existing).containsExactly(RenderedFile.Existing.KEEP);
        assertThat(render(ONE_FILE, "resources: []\n")).extracting(RenderedFile::existing).containsExactly(RenderedFile.Existing.MERGE);

        assertThatThrownBy(() -> render(keep.replace("keep", "overwrite"), "resources: []\n"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("t/layout.yaml")
                .hasMessageContaining("existing of 'x/kustomization.yaml' is 'overwrite'; allowed: merge").hasMessageContaining("keep");
    }

    @Test
    void an_unknown_existing_rule_names_the_layout_file_its_line_and_the_field() {
        String layout = "files:\n  - {repo: core, path: a.yaml, template: file.yaml}\n"
                + "  - repo: core\n    path: x/kustomization.yaml\n    template: file.yaml\n    existing: overwrite\n";

        assertThatThrownBy(() -> render(layout, "resources: []\n")).isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(templates.resolve("t/layout.yaml") + ":6: files[1].existing: existing of 'x/kustomization.yaml'"
                        + " is 'overwrite'; allowed: merge");
    }

    @Test
    void an_unknown_placeholder_names_the_template_and_the_line_it_is_written_on() {
        assertThatThrownBy(() -> render(ONE_FILE, "a: 1\nb:\n  x: \"{{ azure.region }}\"\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(templates.resolve("t/file.yaml") + ":3: unknown placeholder {{azure.region}}");
    }

    @Test
    void a_template_that_is_not_yaml_names_the_template_and_its_line() {
        assertThatThrownBy(() -> render(ONE_FILE, "a: 1\nb: [unclosed\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(templates.resolve("t/file.yaml") + ":3: not valid YAML: ");
    }

    @Test
    void a_whole_scalar_placeholder_naming_a_list_takes_the_list() throws IOException {
        List<RenderedFile> files = render(ONE_FILE, "inclusionList: \"{{notifications.inclusionList}}\"\n");

        assertThat(files.get(0).content()).isEqualTo("inclusionList:\n  - .*succeeded|failed.*\n");
    }

    @Test
    void an_unknown_placeholder_names_the_template() throws IOException {
        assertThatThrownBy(() -> render(ONE_FILE, "x: \"{{azure.region}}\"\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("t/file.yaml").hasMessageContaining("unknown placeholder {{azure.region}}");
    }

    @Test
    void a_target_path_that_leaves_the_repository_is_refused() throws IOException {
        assertThatThrownBy(() -> render("files:\n  - {repo: core, path: \"../{{env.code}}/file.yaml\", template: file.yaml}\n", "a: 1\n"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("'../snd/file.yaml' must be relative")
                .hasMessageStartingWith(templates.resolve("t/layout.yaml") + ":2: path: target path");
        assertThatThrownBy(() -> render("files:\n  - {repo: core, path: /etc/file.yaml, template: file.yaml}\n", "a: 1\n"))
                .isInstanceOf(TemplateException.class);
    }

    @Test
    void a_file_for_a_repository_the_layout_does_not_declare_names_the_layout_line_and_the_roles_allowed() {
        assertThatThrownBy(() -> render("files:\n  - {repo: a.yaml, path: a.yaml, template: file.yaml}\n"
                + "  - repo: cores\n    path: a.yaml\n    template: file.yaml\n", "a: 1\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessage(templates.resolve("t/layout.yaml") + ":2: files[0].repo: 'a.yaml' is not a repository of layout 't';"
                        + " allowed: core, services (its repositories)");
        assertThatThrownBy(() -> render("files:\n  - {repo: core, path: a.yaml, template: file.yaml}\n"
                + "  - repo: cores\n    path: a.yaml\n    template: file.yaml\n", "a: 1\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessage(templates.resolve("t/layout.yaml") + ":3: files[1].repo: 'cores' is not a repository of layout 't'"
                        + " (did you mean 'core'?); allowed: core, services (its repositories)");
    }

    @Test
    void a_placeholder_naming_a_repository_the_layout_does_not_declare_names_the_template_line_and_the_roles_allowed() {
        assertThatThrownBy(() -> render(ONE_FILE, "a: 1\nurl: \"{{repos.platform.url}}\"\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessage(templates.resolve("t/file.yaml") + ":2: unknown placeholder {{repos.platform.url}}: 'platform' is not a"
                        + " repository of layout 't'; allowed: core, services (its repositories)");
    }

    @Test
    void a_layout_declares_its_repositories_and_no_key_it_does_not_know() {
        assertThatThrownBy(() -> render("repositories: {}\n" + ONE_FILE, "a: 1\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(templates.resolve("t/layout.yaml") + ":1: repositories: a mapping of the layout's Git repositories by role is required");
        assertThatThrownBy(() -> render(REPOSITORIES + "defaults:\n  flux: {source: core}\n" + ONE_FILE, "a: 1\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessage(templates.resolve("t/layout.yaml") + ":4: defaults: unknown key; allowed: description, repositories, values, flux, files");
        assertThatThrownBy(() -> render("repositories:\n  Core_Repo: {}\n" + ONE_FILE, "a: 1\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(templates.resolve("t/layout.yaml") + ":2: repositories.Core_Repo: a repository role is an RFC 1123 name");
    }

    @Test
    void conditions_select_files_by_environment_fields() throws IOException {
        String layout = "files:\n"
                + "  - {repo: core, path: a.yaml, template: file.yaml, when: {notifications.auth: secret}}\n"
                + "  - {repo: core, path: b.yaml, template: file.yaml, when: {notifications.auth: workloadIdentity}}\n";
        assertThat(render(layout, "a: 1\n")).extracting(RenderedFile::path).containsExactly("a.yaml");
    }

    @Test
    void a_missing_template_set_is_named() {
        assertThatThrownBy(() -> TemplateSet.load(TemplateSource.directory(templates), "flux-clusters"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("template set 'flux-clusters' not found");
    }

    @Test
    void the_bundled_template_set_matches_the_folder() {
        Environment env = Workspaces.shipped().environment("snd4", List.of());
        assertThat(TemplateSet.load(TemplateSource.bundled(), "adp").render(env))
                .isEqualTo(TemplateSet.load(TemplateSource.directory(Workspaces.templates()), "adp").render(env));
    }
}
