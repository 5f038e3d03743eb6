package io.aksflux.layouts;

import io.aksflux.change.Change;
import io.aksflux.emulator.spec.ArmSpecs;
import io.aksflux.kustomize.Build;
import io.aksflux.kustomize.DirectoryTree;
import io.aksflux.kustomize.KustomizeBuilder;
import io.aksflux.support.ExampleEstates;
import io.aksflux.support.FluxCrds;
import io.aksflux.support.KustomizeBuilds;
import io.aksflux.support.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything the other layouts seed for their example environments (and each variant an environment option
 * selects) conforms: every Flux object to its CRD, every kustomization folder builds with kustomize's rules in Java
 * and with the real {@code kubectl kustomize} (as Flux runs it), every ARM body to the published spec.
 */
class ExampleLayoutsConformanceTest {
    private static FluxCrds fluxCrds;
    private static ArmSpecs armSpecs;

    @BeforeAll
    static void loadReferences() {
        fluxCrds = FluxCrds.load(Reference.fluxCrds());
        armSpecs = ArmSpecs.load(Reference.arm());
    }

    /** Layout, environment, overrides (a variant), and the Flux kinds it must seed. */
    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("cluster-apps", "stg1", List.of(), List.of("Kustomization")),
                Arguments.of("cluster-apps", "prd1", List.of(), List.of("Kustomization")),
                Arguments.of("cluster-apps", "prd1", List.of("values.apps=separate-repository",
                        "values.appsUrl=ssh://git@github.com/example/apps.git"), List.of("GitRepository", "Kustomization")),
                Arguments.of("platform-developer", "dev1", List.of(), List.of("GitRepository", "Kustomization")),
                Arguments.of("platform-developer", "prd1", List.of(), List.of("GitRepository", "Kustomization")));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("variants")
    void seeded_flux_objects_conform_to_their_crds(String layout, String environment, List<String> overrides, List<String> kinds) {
        List<String> checked = new ArrayList<>();
        for (Change.Git file : ExampleEstates.seededFiles(layout, environment, overrides)) {
            for (Object document : new Yaml().loadAll(file.content())) {
                @SuppressWarnings("unchecked") Map<String, Object> manifest = (Map<String, Object>) document;
                String apiVersion = String.valueOf(manifest.get("apiVersion"));
                if (apiVersion.contains(".toolkit.fluxcd.io/")) {
                    assertThat(fluxCrds.validateSeeded(manifest)).as("%s %s in %s", manifest.get("kind"), apiVersion, file.path()).isEmpty();
                    checked.add(String.valueOf(manifest.get("kind")));
                }
            }
        }
        assertThat(checked).containsAll(kinds);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("variants")
    void every_seeded_kustomization_builds_in_java_and_with_kubectl(String layout, String environment, List<String> overrides,
                                                                   List<String> kinds, @TempDir Path repos) throws IOException {
        List<String> folders = new ArrayList<>();
        for (Change.Git file : ExampleEstates.seededFiles(layout, environment, overrides)) {
            Path target = repos.resolve(file.repo()).resolve(file.path());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.content());
            if (target.getFileName().toString().equals("kustomization.yaml")) {
                folders.add(file.repo() + "/" + Path.of(file.path()).getParent());
            }
        }
        assertThat(folders).isNotEmpty();
        for (String folder : folders) {
            Path repo = repos.resolve(folder.substring(0, folder.indexOf('/')));
            Build java = new KustomizeBuilder(new DirectoryTree(repo)).build(folder.substring(folder.indexOf('/') + 1));
            assertThat(java.passed()).as("kustomize (Java) %s: %s", folder, java.failure()).isTrue();
            // as kustomize-controller builds: the load restrictor off (a developer folder reads ../../base/config.yaml)
            KustomizeBuilds.Build kubectl = KustomizeBuilds.kustomize(repos, folder);
            assertThat(kubectl.passed()).as("kubectl kustomize %s:%n%s", folder, kubectl.output()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("variants")
    void arm_bodies_conform_to_the_published_specs(String layout, String environment, List<String> overrides, List<String> kinds) {
        List<Change.Arm> arm = ExampleEstates.of(layout).planOffline(environment, overrides).changes().stream()
                .filter(Change.Arm.class::isInstance).map(Change.Arm.class::cast).toList();

        assertThat(arm).hasSize(2);
        for (Change.Arm change : arm) {
            assertThat(armSpecs.validatePut(change.type(), change.apiVersion(), change.body()))
                    .as("%s body against the %s spec", change.type(), change.apiVersion()).isEmpty();
        }
    }
}
