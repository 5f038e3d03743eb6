package io.aksflux.environment;

import io.aksflux.change.Change;
import io.aksflux.change.Plan;
import io.aksflux.desired.DesiredState;
import io.aksflux.desired.FluxConfigurationBody;
import io.aksflux.engine.Workspace;
import io.aksflux.error.EnvironmentException;
import io.aksflux.error.Problem;
import io.aksflux.template.RenderedFile;
import io.aksflux.template.TemplateSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A layout is data: the toy layout in {@code other-layout/} declares three repositories named platform, apps and
 * tenants, with platform the flux configuration's source, and its own kustomizations; nothing in the code knows it.
 */
class OtherLayoutTest {
    private static Path fixture() {
        try {
            return Path.of(OtherLayoutTest.class.getResource("/other-layout").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Workspace toy() {
        return new Workspace(fixture().resolve("environments"), TemplateSource.directory(fixture().resolve("flux-templates")), Map.of());
    }

    private static Path layoutFile() {
        return fixture().resolve("flux-templates/toy/layout.yaml");
    }

    private static List<String> problems(Runnable load) {
        try {
            load.run();
            return List.of();
        } catch (EnvironmentException e) {
            return e.problems().stream().map(Problem::render).toList();
        }
    }

    @Test
    void a_layout_of_three_other_repositories_validates() {
        assertThat(toy().validate(List.of(), List.of()).valid()).isTrue();
    }

    @Test
    void the_environment_has_the_layouts_repositories_by_role_and_its_source() {
        Environment dev1 = toy().environment("dev1", List.of());

        assertThat(dev1.repos().roles()).containsExactly("platform", "apps", "tenants");
        assertThat(dev1.repos().byRole("platform").url()).isEqualTo("https://git.example.com/toy/platform");
        assertThat(dev1.repos().byRole("apps").branch()).as("the layout's default branch of apps").isEqualTo("trunk");
        assertThat(dev1.flux().sourceRepo()).isEqualTo("platform");
        assertThat(dev1.flux().kustomizations()).extracting(Environment.KustomizationSpec::name, Environment.KustomizationSpec::path,
                        Environment.KustomizationSpec::dependsOn, Environment.KustomizationSpec::prune)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("platform", "./platform/dev1", List.of(), true),
                        org.assertj.core.groups.Tuple.tuple("apps", "./apps/dev1", List.of("platform"), false));
        assertThat(dev1.notifications().enabled()).as("the toy platform names no notifications").isFalse();
    }

    @Test
    void an_environment_overrides_the_layouts_repository_defaults_and_source() {
        Environment dev1 = toy().environment("dev1", List.of("repos.apps.branch=release", "flux.source=apps"));

        assertThat(dev1.repos().byRole("apps").branch()).isEqualTo("release");
        assertThat(FluxConfigurationBody.of(dev1).body().at("/properties/gitRepository/url").asText())
                .isEqualTo("https://git.example.com/toy/apps");
    }

    @Test
    void templates_render_into_each_repository_with_any_roles_url() {
        Workspace toy = toy();
        Environment dev1 = toy.environment("dev1", List.of());

        List<RenderedFile> files = DesiredState.of(dev1, TemplateSource.directory(fixture().resolve("flux-templates"))).files();

        assertThat(files).extracting(f -> f.repo() + ":" + f.path()).containsExactly("platform:platform/dev1/kustomization.yaml",
                "platform:platform/dev1/apps-source.yaml", "apps:apps/dev1/kustomization.yaml", "tenants:tenants/dev/kustomization.yaml");
        assertThat(files.get(1).content()).contains("url: https://git.example.com/toy/apps", "branch: trunk", "namespace: toy-system");
    }

    @Test
    void it_plans_offline_git_files_per_repository_then_the_flux_configuration_on_its_source() {
        Plan plan = toy().planOffline("dev1", List.of());

        assertThat(plan.changes().stream().filter(Change.Git.class::isInstance).map(c -> ((Change.Git) c).repo()).distinct())
                .containsExactly("platform", "apps", "tenants");
        assertThat(plan.changes()).noneMatch(Change.Cluster.class::isInstance);
        Change.Arm flux = (Change.Arm) plan.changes().get(plan.changes().size() - 1);
        assertThat(flux.body().at("/properties/gitRepository/url").asText()).isEqualTo("https://git.example.com/toy/platform");
        assertThat(flux.body().at("/properties/gitRepository/repositoryRef/branch").asText()).isEqualTo("main");
        assertThat(flux.body().at("/properties/kustomizations/apps/dependsOn/0").asText()).isEqualTo("platform");
        assertThat(flux.body().at("/properties/kustomizations/apps/syncIntervalInSeconds").asLong()).isEqualTo(600);
    }

    @Test
    void a_repository_or_source_the_layout_does_not_declare_names_where_it_is_written_and_the_roles_allowed() {
        String declared = "; allowed: platform, apps, tenants (the repositories layout 'toy' declares in " + layoutFile() + ")";

        assertThat(problems(() -> toy().environment("dev1", List.of("repos.core.url=https://git.example.com/toy/core",
                "flux.source=core")))).containsExactly(
                "--set: repos.core: unknown key" + declared,
                "--set: flux.source: 'core' is not allowed" + declared);
        assertThat(problems(() -> toy().environment("dev1", List.of("flux.source=tenant"))))
                .containsExactly("--set: flux.source: 'tenant' is not allowed (did you mean 'tenants'?)" + declared);
    }

    @Test
    void a_repository_of_the_layout_the_environment_leaves_out_is_missing() {
        assertThat(problems(() -> toy().environment("dev1", List.of("repos.tenants=null")))).containsExactly(
                "--set: repos.tenants: required field is missing; expected the url and"
                        + " branch of the repository 'tenants' that layout 'toy' seeds");
    }

    @Test
    void a_layout_whose_source_it_does_not_declare_is_refused_at_its_line_in_layout_yaml(@TempDir Path copy) throws IOException {
        Path templates = copy.resolve("flux-templates");
        try (var files = Files.walk(fixture().resolve("flux-templates"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = templates.resolve(fixture().resolve("flux-templates").relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        Path layout = templates.resolve("toy/layout.yaml");
        Files.writeString(layout, Files.readString(layout).replace("  source: platform", "  source: core"));
        Workspace broken = new Workspace(fixture().resolve("environments"), TemplateSource.directory(templates), Map.of());

        assertThat(problems(() -> broken.environment("dev1", List.of()))).containsExactly(layout + ":14: flux.source: 'core' is not"
                + " allowed; allowed: platform, apps, tenants (the repositories layout 'toy' declares in " + layout + ")");
    }
}
