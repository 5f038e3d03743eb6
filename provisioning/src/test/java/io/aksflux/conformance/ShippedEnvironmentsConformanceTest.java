package io.aksflux.conformance;

import io.aksflux.emulator.spec.ArmSpecs;
import io.aksflux.change.Change;
import io.aksflux.change.Plan;
import io.aksflux.support.FluxCrds;
import io.aksflux.support.Kubectl;
import io.aksflux.support.Reference;
import io.aksflux.support.Workspaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Everything aksflux would send or seed for the shipped environments conforms to the published references. */
class ShippedEnvironmentsConformanceTest {
    private static ArmSpecs armSpecs;
    private static FluxCrds fluxCrds;

    @BeforeAll
    static void loadReferences() {
        armSpecs = ArmSpecs.load(Reference.arm());
        fluxCrds = FluxCrds.load(Reference.fluxCrds());
    }

    static List<String> shippedEnvironments() {
        return Workspaces.shipped().validate(List.of(), List.of()).results().stream()
                .map(r -> r.environment()).toList();
    }

    @ParameterizedTest
    @MethodSource("shippedEnvironments")
    void arm_bodies_conform_to_the_published_specs(String environment) {
        Plan plan = Workspaces.shipped().planOffline(environment, List.of());
        List<Change.Arm> arm = plan.changes().stream().filter(Change.Arm.class::isInstance).map(Change.Arm.class::cast).toList();

        assertThat(arm).extracting(Change.Arm::type).containsExactly(
                "Microsoft.KubernetesConfiguration/extensions", "Microsoft.KubernetesConfiguration/fluxConfigurations");
        for (Change.Arm change : arm) {
            assertThat(armSpecs.validatePut(change.type(), change.apiVersion(), change.body()))
                    .as("%s body against the %s spec", change.type(), change.apiVersion()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedEnvironments")
    void seeded_flux_objects_conform_to_their_crds(String environment) {
        Plan plan = Workspaces.shipped().planOffline(environment, List.of());
        List<String> checked = new ArrayList<>();
        for (Change.Git file : gitChanges(plan)) {
            for (Object document : new Yaml().loadAll(file.content())) {
                @SuppressWarnings("unchecked") Map<String, Object> manifest = (Map<String, Object>) document;
                String apiVersion = String.valueOf(manifest.get("apiVersion"));
                if (apiVersion.contains(".toolkit.fluxcd.io/")) {
                    assertThat(fluxCrds.validateSeeded(manifest)).as("%s %s in %s", manifest.get("kind"), apiVersion, file.path()).isEmpty();
                    checked.add(manifest.get("kind") + "");
                }
            }
        }
        assertThat(checked).contains("GitRepository", "Kustomization", "Provider", "Alert");
    }

    @ParameterizedTest
    @MethodSource("shippedEnvironments")
    void every_seeded_kustomization_builds_with_kubectl(String environment, @TempDir Path repos) throws IOException {
        Plan plan = Workspaces.shipped().planOffline(environment, List.of());
        List<Path> kustomizationDirs = new ArrayList<>();
        for (Change.Git file : gitChanges(plan)) {
            Path target = repos.resolve(file.repo()).resolve(file.path());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.content());
            if (target.getFileName().toString().equals("kustomization.yaml")) {
                kustomizationDirs.add(target.getParent());
            }
        }
        assertThat(kustomizationDirs).hasSizeGreaterThanOrEqualTo(6);
        for (Path dir : kustomizationDirs) {
            Kubectl.Result result = Kubectl.kustomize(dir);
            assertThat(result.exitCode()).as("kubectl kustomize %s:%n%s", repos.relativize(dir), result.output()).isZero();
        }
    }

    private static List<Change.Git> gitChanges(Plan plan) {
        return plan.changes().stream().filter(Change.Git.class::isInstance).map(Change.Git.class::cast).toList();
    }

}
