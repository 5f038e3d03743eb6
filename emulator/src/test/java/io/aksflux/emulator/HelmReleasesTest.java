package io.aksflux.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Simulated Flux follows the core repository's {@code services} Kustomization into the services repository, as the
 * reference platform is laid out (environment folder, team patch, service deploy folder patched per instance), and
 * reports the HelmRelease it finds there the way the flux configuration API does, over simulated time.
 */
class HelmReleasesTest {
    private static final String RELEASE = "ffc-ffd-backend-poc";
    private static final String INSTALLED = "Compliant: Helm install succeeded for release flux-config/ffc-ffd-backend-poc.v1"
            + " with chart ffc-ffd-backend-poc@0.2.3";
    private static final String UPGRADING = "Pending: Running 'upgrade' action with timeout of 5m0s";
    private static final String PATCH = "services/ffc/ffc-ffd/ffc-ffd-backend-poc/deploy/snd/04/patch.yaml";

    @RegisterExtension
    static final FluxClusters azure = new FluxClusters();
    private String cluster;
    private String flux;

    @TempDir
    Path dir;

    @BeforeEach
    void cluster() {
        cluster = azure.clusterWithFluxExtension();
        flux = FluxClusters.fluxConfiguration(cluster);
    }

    @AfterEach
    void clearFaults() {
        azure.emulator.faults().clear();
    }

    @Test
    void a_release_in_the_services_repository_is_installed_one_step_after_the_kustomization_that_applies_it_is_ready() throws Exception {
        configure(servicesRepository("0.2.3"));

        List<String> seen = watch(RELEASE, 8);

        assertThat(seen).containsExactly("absent", "Pending: Running 'install' action with timeout of 5m0s", INSTALLED);
        JsonNode release = status(RELEASE).orElseThrow();
        assertThat(release.path("kind").asText()).isEqualTo("HelmRelease");
        assertThat(release.path("namespace").asText()).isEqualTo("flux-config");
        assertThat(release.path("appliedBy").toString()).isEqualTo("{\"name\":\"ffc-ffd-backend-poc-deploy\",\"namespace\":\"flux-config\"}");
        assertThat(release.path("helmReleaseProperties").toString()).isEqualTo("{\"lastRevisionApplied\":1,"
                + "\"helmChartRef\":{\"name\":\"flux-config-ffc-ffd-backend-poc\",\"namespace\":\"flux-config\"},"
                + "\"failureCount\":0,\"installFailureCount\":0,\"upgradeFailureCount\":0}");
        assertThat(release.at("/statusConditions/0/reason").asText()).isEqualTo("InstallSucceeded");
        assertThat(release.at("/statusConditions/0/status").asText()).isEqualTo("True");
        assertThat(properties().path("complianceState").asText()).isEqualTo("Compliant");
    }

    @Test
    void the_platforms_variables_substituted_from_a_config_map_lead_to_the_instances_folders() throws Exception {
        azure.emulator.kubernetes().configMap(cluster, "flux-config", "adp-platform-vars", Map.of("ENVIRONMENT", "snd", "ENVIRONMENT_ID", "04"));
        configure(servicesRepository("0.2.3"), "  postBuild:\n    substituteFrom:\n      - kind: ConfigMap\n        name: adp-platform-vars\n");

        assertThat(watch(RELEASE, 8)).last().isEqualTo(INSTALLED);
    }

    @Test
    void nested_sources_and_kustomizations_are_reported_with_the_kustomization_that_applied_them() throws Exception {
        configure(servicesRepository("0.2.3"));
        watch(RELEASE, 8);

        assertThat(appliedBy("GitRepository", "services-repository")).isEqualTo("flux-config/flux-config-services");
        assertThat(appliedBy("Kustomization", "services")).isEqualTo("flux-config/flux-config-services");
        assertThat(appliedBy("Kustomization", "ffc-ffd-base")).isEqualTo("flux-config/services");
        assertThat(appliedBy("Kustomization", "ffc-ffd-backend-poc-deploy")).isEqualTo("flux-config/ffc-ffd-base");
        assertThat(appliedBy("Kustomization", "flux-config-services")).as("applied by the flux configuration itself").isEqualTo("null");
        assertThat(state("ffc-ffd-backend-poc-deploy")).startsWith("Compliant: Applied revision: main@sha1:");
        assertThat(state("services-repository")).startsWith("Compliant: stored artifact for revision 'main@sha1:");
    }

    @Test
    void a_version_bump_committed_to_the_services_repository_goes_pending_then_ready_at_the_new_version() throws Exception {
        Path services = configure(servicesRepository("0.2.3"));
        watch(RELEASE, 8);

        GitRepos.commit(services, Map.of(PATCH, patch("0.2.4")), "ffc-ffd-backend-poc 0.2.4");
        List<String> seen = watch(RELEASE, 9);

        assertThat(seen).containsExactly(INSTALLED, UPGRADING, "Compliant: Helm upgrade succeeded for release"
                + " flux-config/ffc-ffd-backend-poc.v2 with chart ffc-ffd-backend-poc@0.2.4");
        JsonNode release = status(RELEASE).orElseThrow();
        assertThat(release.at("/helmReleaseProperties/lastRevisionApplied").asLong()).isEqualTo(2);
        assertThat(release.at("/statusConditions/0/reason").asText()).isEqualTo("UpgradeSucceeded");
        assertThat(properties().path("complianceState").asText()).isEqualTo("Compliant");
    }

    @Test
    void the_deployed_version_is_what_the_release_reports_until_the_upgrade_completes() throws Exception {
        Path services = configure(servicesRepository("0.2.3"));
        watch(RELEASE, 8);
        GitRepos.commit(services, Map.of(PATCH, patch("0.2.4")), "ffc-ffd-backend-poc 0.2.4");

        List<JsonNode> before = new ArrayList<>();
        for (int step = 0; step < 9; step++) {
            azure.clock.advance(FluxClusters.STEP);
            JsonNode release = status(RELEASE).orElseThrow();
            if (release.at("/statusConditions/0/message").asText().contains("v2")) {
                break;
            }
            before.add(release);
        }

        assertThat(before).hasSizeGreaterThan(2).allSatisfy(release -> {
            assertThat(release.at("/helmReleaseProperties/lastRevisionApplied").asLong()).isEqualTo(1);
            assertThat(release.at("/statusConditions/0/message").asText()).doesNotContain("0.2.4");
        });
        assertThat(before).extracting(r -> r.path("complianceState").asText()).contains("Compliant", "Pending");
        assertThat(before).filteredOn(r -> r.path("complianceState").asText().equals("Compliant"))
                .allSatisfy(r -> assertThat(r.at("/statusConditions/0/message").asText()).endsWith("@0.2.3"));
    }

    @Test
    void a_failing_upgrade_is_ready_false_with_helm_controllers_message_and_counts_rising_each_step() throws Exception {
        Path services = configure(servicesRepository("0.2.3"));
        watch(RELEASE, 8);
        azure.emulator.faults().failHelmRelease("flux-config", RELEASE, "context deadline exceeded");

        GitRepos.commit(services, Map.of(PATCH, patch("0.2.4")), "ffc-ffd-backend-poc 0.2.4");
        List<String> seen = watch(RELEASE, 9);
        JsonNode failed = status(RELEASE).orElseThrow();
        azure.clock.advance(FluxClusters.STEP);
        JsonNode again = status(RELEASE).orElseThrow();

        assertThat(seen).containsExactly(INSTALLED, UPGRADING, "Non-Compliant: Helm upgrade failed for release flux-config/ffc-ffd-backend-poc"
                + " with chart ffc-ffd-backend-poc@0.2.4: context deadline exceeded");
        assertThat(failed.at("/statusConditions/0/reason").asText()).isEqualTo("UpgradeFailed");
        assertThat(failed.at("/statusConditions/0/status").asText()).isEqualTo("False");
        assertThat(failed.at("/helmReleaseProperties/lastRevisionApplied").asLong()).as("still the revision deployed").isEqualTo(1);
        long failures = failed.at("/helmReleaseProperties/failureCount").asLong();
        assertThat(failures).isPositive();
        assertThat(failed.at("/helmReleaseProperties/upgradeFailureCount").asLong()).isEqualTo(failures);
        assertThat(again.at("/helmReleaseProperties/failureCount").asLong()).isEqualTo(failures + 1);
        assertThat(again.at("/helmReleaseProperties/upgradeFailureCount").asLong()).isEqualTo(failures + 1);
        assertThat(again.at("/helmReleaseProperties/installFailureCount").asLong()).isZero();
        assertThat(properties().path("complianceState").asText()).isEqualTo("Non-Compliant");
    }

    @Test
    void a_failing_install_counts_install_failures() throws Exception {
        azure.emulator.faults().failHelmRelease("flux-config", RELEASE, "rendered manifests contain a resource that already exists");
        configure(servicesRepository("0.2.3"));

        List<String> seen = watch(RELEASE, 8);
        JsonNode failed = status(RELEASE).orElseThrow();
        azure.clock.advance(FluxClusters.STEP);
        JsonNode again = status(RELEASE).orElseThrow();

        assertThat(seen).containsExactly("absent", "Pending: Running 'install' action with timeout of 5m0s", "Non-Compliant: Helm install"
                + " failed for release flux-config/ffc-ffd-backend-poc with chart ffc-ffd-backend-poc@0.2.3: rendered manifests contain a"
                + " resource that already exists");
        assertThat(failed.at("/statusConditions/0/reason").asText()).isEqualTo("InstallFailed");
        assertThat(failed.at("/helmReleaseProperties/lastRevisionApplied").isNull()).as("nothing installed yet").isTrue();
        long failures = failed.at("/helmReleaseProperties/installFailureCount").asLong();
        assertThat(failures).isPositive();
        assertThat(again.at("/helmReleaseProperties/installFailureCount").asLong()).isEqualTo(failures + 1);
        assertThat(again.at("/helmReleaseProperties/failureCount").asLong()).isEqualTo(failures + 1);
        assertThat(again.at("/helmReleaseProperties/upgradeFailureCount").asLong()).isZero();
    }

    @Test
    void a_release_that_no_build_holds_is_not_reported() throws Exception {
        Map<String, String> files = servicesRepository("0.2.3");
        files.put("services/ffc/ffc-ffd/ffc-ffd-orphan/deploy/base/helm-release.yaml", helmRelease("ffc-ffd-orphan", "1.0.0"));
        configure(files);

        watch(RELEASE, 8);

        assertThat(status(RELEASE)).isPresent();
        assertThat(status("ffc-ffd-orphan")).isEmpty();
    }

    @Test
    void a_release_removed_from_the_build_is_no_longer_reported() throws Exception {
        Path services = configure(servicesRepository("0.2.3"));
        watch(RELEASE, 8);

        GitRepos.commit(services, Map.of("services/ffc/ffc-ffd/ffc-ffd-backend-poc/deploy/base/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n"), "retire the service");
        azure.clock.advance(FluxClusters.STEP);

        assertThat(status(RELEASE)).isEmpty();
    }

    @Test
    void a_kustomization_that_applies_itself_is_followed_once() throws Exception {
        Map<String, String> files = servicesRepository("0.2.3");
        files.put("services/ffc/ffc-ffd/base/patch/kustomize.yaml", files.get("services/ffc/ffc-ffd/base/patch/kustomize.yaml")
                .replace("path: ./services/ffc/ffc-ffd/${ENVIRONMENT}/${ENVIRONMENT_ID}", "path: ./services/ffc/ffc-ffd/base/patch"));
        configure(files);
        azure.clock.advance(FluxClusters.STEP.multipliedBy(8));

        assertThat(properties().path("statuses")).filteredOn(s -> s.path("name").asText().equals("ffc-ffd-base")).hasSize(1);
        assertThat(state("ffc-ffd-base")).startsWith("Compliant");
        assertThat(status(RELEASE)).isEmpty();
    }

    @Test
    void a_kustomization_whose_source_is_not_defined_fails_naming_it() throws Exception {
        Map<String, String> files = servicesRepository("0.2.3");
        files.put("services/ffc/ffc-ffd/base/patch/kustomize.yaml", files.get("services/ffc/ffc-ffd/base/patch/kustomize.yaml")
                .replace("name: services-repository", "name: team-repository"));
        configure(files);
        azure.clock.advance(FluxClusters.STEP.multipliedBy(8));

        assertThat(state("ffc-ffd-base")).isEqualTo("Non-Compliant: Source 'GitRepository/flux-config/team-repository' not found");
        assertThat(properties().path("complianceState").asText()).isEqualTo("Non-Compliant");
    }

    @Test
    void kubectl_through_run_command_reads_a_releases_chart_and_status_but_never_its_values() throws Exception {
        configure(servicesRepository("0.2.3"));
        watch(RELEASE, 8);

        JsonNode yaml = runCommand("kubectl get helmrelease -n flux-config ffc-ffd-backend-poc -o yaml");
        JsonNode json = runCommand("kubectl get helmreleases.helm.toolkit.fluxcd.io ffc-ffd-backend-poc --namespace flux-config -o json");
        JsonNode missing = runCommand("kubectl get hr -n flux-config ffc-ffd-never -o yaml");

        assertThat(yaml.path("exitCode").asInt()).isZero();
        assertThat(yaml.path("logs").asText()).contains("apiVersion: helm.toolkit.fluxcd.io/v2beta1", "kind: HelmRelease", "version: 0.2.3",
                "type: Ready", "status: 'True'", "reason: InstallSucceeded", "message: Helm install succeeded for release"
                        + " flux-config/ffc-ffd-backend-poc.v1 with chart ffc-ffd-backend-poc@0.2.3", "lastReleaseRevision: 1", "failures: 0")
                .doesNotContain("values", "image", "sndadpinfcr3401");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.path("logs").asText()).at("/status/conditions/0/reason").asText())
                .isEqualTo("InstallSucceeded");
        assertThat(missing.path("exitCode").asInt()).isEqualTo(1);
        assertThat(missing.path("logs").asText())
                .isEqualTo("Error from server (NotFound): helmreleases.helm.toolkit.fluxcd.io \"ffc-ffd-never\" not found\n");
    }

    @Test
    void kubectl_events_for_a_release_lists_helm_controllers_recent_events() throws Exception {
        Path services = configure(servicesRepository("0.2.3"));
        watch(RELEASE, 8);
        azure.emulator.faults().failHelmRelease("flux-config", RELEASE, "context deadline exceeded");
        GitRepos.commit(services, Map.of(PATCH, patch("0.2.4")), "ffc-ffd-backend-poc 0.2.4");
        watch(RELEASE, 8);

        JsonNode events = runCommand("kubectl events -n flux-config --for helmrelease/ffc-ffd-backend-poc");

        assertThat(events.path("exitCode").asInt()).isZero();
        assertThat(events.path("logs").asText().lines()).first().asString().matches("LAST SEEN +TYPE +REASON +OBJECT +MESSAGE");
        assertThat(events.path("logs").asText().lines().skip(1)).hasSizeGreaterThanOrEqualTo(2)
                .anySatisfy(line -> assertThat(line).matches("\\d+[smh]\\S* +Normal +InstallSucceeded +HelmRelease/ffc-ffd-backend-poc +Helm install"
                        + " succeeded for release flux-config/ffc-ffd-backend-poc.v1 with chart ffc-ffd-backend-poc@0.2.3"))
                .last().asString().matches("\\d+[smh]\\S* +Warning +UpgradeFailed +HelmRelease/ffc-ffd-backend-poc +Helm upgrade failed .*@0.2.4:"
                        + " context deadline exceeded");
    }

    /** Runs a command through the cluster's runCommand to its end on the simulated clock; returns its result's properties. */
    private JsonNode runCommand(String command) {
        ArmClient.Reply accepted = azure.arm.post(cluster + "/runCommand?api-version=2024-10-01", "{\"command\": \"" + command + "\"}");
        assertThat(accepted.status()).isEqualTo(202);
        azure.clock.advance(FluxClusters.LRO);
        return azure.arm.getUrl(accepted.header("Location")).body().path("properties");
    }

    @Test
    void every_status_has_the_published_shape_of_an_object_status() throws Exception {
        Path services = configure(servicesRepository("0.2.3"));
        watch(RELEASE, 8);
        azure.emulator.faults().failHelmRelease("flux-config", RELEASE, "timed out waiting for the condition");
        GitRepos.commit(services, Map.of(PATCH, patch("0.2.4")), "ffc-ffd-backend-poc 0.2.4");
        List<JsonNode> statuses = new ArrayList<>();
        for (int step = 0; step < 9; step++) {
            azure.clock.advance(FluxClusters.STEP);
            properties().path("statuses").forEach(statuses::add);
        }
        JsonNode definitions = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Path.of(System.getProperty("aksflux.reference",
                "../../shared/reference")).resolve("arm/2025-04-01/fluxConfigurations/fluxconfiguration.json").toFile()).path("definitions");

        assertThat(definitions.at("/ObjectStatusDefinition/properties").size()).as("the published definition was read").isGreaterThan(5);
        assertThat(statuses).extracting(s -> s.path("kind").asText()).contains("GitRepository", "Kustomization", "HelmRelease");
        assertThat(statuses).allSatisfy(status -> assertThat(problems(status, definitions.path("ObjectStatusDefinition"), definitions, "$"))
                .as(status.toString()).isEmpty());
    }

    /** Where {@code value} departs from a swagger definition: a field it does not define, a wrong type, a value outside an enum. */
    private static List<String> problems(JsonNode value, JsonNode schema, JsonNode definitions, String at) {
        if (schema.has("$ref")) {
            return problems(value, definitions.path(schema.path("$ref").asText().replace("#/definitions/", "")), definitions, at);
        }
        List<String> problems = new ArrayList<>();
        if (value.isNull()) {
            return problems;
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        switch (type) {
            case "object" -> value.fieldNames().forEachRemaining(field -> {
                JsonNode property = schema.path("properties").path(field);
                if (property.isMissingNode()) {
                    problems.add(at + "." + field + ": not defined");
                } else {
                    problems.addAll(problems(value.get(field), property, definitions, at + "." + field));
                }
            });
            case "array" -> value.forEach(item -> problems.addAll(problems(item, schema.path("items"), definitions, at + "[]")));
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(at + ": not a string");
                } else if (schema.has("enum") && !schema.path("enum").toString().contains("\"" + value.asText() + "\"")) {
                    problems.add(at + ": " + value.asText() + " is not one of " + schema.path("enum"));
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(at + ": not an integer");
                }
            }
            default -> { }
        }
        return problems;
    }

    // --- fixture: the core and services repositories as the reference platform lays them out

    /** Creates both repositories and writes the flux configuration; returns the services repository's work tree. */
    private Path configure(Map<String, String> servicesFiles) throws Exception {
        return configure(servicesFiles, SUBSTITUTE);
    }

    private Path configure(Map<String, String> servicesFiles, String postBuild) throws Exception {
        Path services = dir.resolve("services");
        String servicesUrl = GitRepos.create(services, servicesFiles);
        azure.arm.put(flux, ArmEmulatorTest.fluxBody(GitRepos.create(dir.resolve("core"), core(servicesUrl, postBuild))));
        azure.clock.advance(FluxClusters.LRO);
        return services;
    }

    /** The environment's variables, given in the services Kustomization itself. */
    private static final String SUBSTITUTE = "  postBuild:\n    substitute:\n      ENVIRONMENT: snd\n      ENVIRONMENT_ID: \"04\"\n";

    /** The core repository of snd4: services/snd/04 applies the services repository's GitRepository and Kustomization. */
    private static Map<String, String> core(String servicesUrl, String postBuild) {
        String empty = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n";
        return Map.of(
                "clusters/snd/04/kustomization.yaml", empty,
                "infra/snd/04/kustomization.yaml", empty,
                "services/base/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - repository.yaml\n",
                "services/base/repository.yaml", """
                        apiVersion: source.toolkit.fluxcd.io/v1
                        kind: GitRepository
                        metadata:
                          name: services-repository
                          namespace: flux-config
                        spec:
                          interval: 2m30s
                          ref:
                            branch: main
                          url: %s
                        """.formatted(servicesUrl),
                "services/snd/04/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n"
                        + "  - ../../base\n  - services.yaml\n",
                "services/snd/04/services.yaml", """
                        apiVersion: kustomize.toolkit.fluxcd.io/v1
                        kind: Kustomization
                        metadata:
                          name: services
                          namespace: flux-config
                        spec:
                          sourceRef:
                            kind: GitRepository
                            name: services-repository
                            namespace: flux-config
                          interval: 5m
                          prune: true
                          path: ./services/environments/snd/04
                        """ + postBuild);
    }

    /** The services repository: snd's base pulls in team ffc-ffd, whose snd/04 folder deploys ffc-ffd-backend-poc at {@code version}. */
    private static Map<String, String> servicesRepository(String version) {
        Map<String, String> files = new HashMap<>();
        files.put("services/environments/snd/base/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../../ffc/ffc-ffd/base/patch\n");
        files.put("services/environments/snd/04/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../base\n");
        files.put("services/ffc/ffc-ffd/base/patch/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - kustomize.yaml\n");
        files.put("services/ffc/ffc-ffd/base/patch/kustomize.yaml", """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: ffc-ffd-base
                  namespace: flux-config
                spec:
                  sourceRef:
                    kind: GitRepository
                    name: services-repository
                    namespace: flux-config
                  interval: 5m
                  prune: true
                  path: ./services/ffc/ffc-ffd/${ENVIRONMENT}/${ENVIRONMENT_ID}
                  postBuild:
                    substitute:
                      TEAM_NAMESPACE: "ffc-ffd"
                      ENVIRONMENT: ${ENVIRONMENT}
                      ENVIRONMENT_ID: ${ENVIRONMENT_ID}
                """);
        files.put("services/ffc/ffc-ffd/snd/04/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../ffc-ffd-backend-poc\n");
        files.put("services/ffc/ffc-ffd/ffc-ffd-backend-poc/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deploy-kustomize.yaml\n");
        files.put("services/ffc/ffc-ffd/ffc-ffd-backend-poc/deploy-kustomize.yaml", """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: ffc-ffd-backend-poc-deploy
                  namespace: flux-config
                spec:
                  sourceRef:
                    kind: GitRepository
                    name: services-repository
                    namespace: flux-config
                  path: ./services/ffc/ffc-ffd/ffc-ffd-backend-poc/deploy/${ENVIRONMENT}/${ENVIRONMENT_ID}
                  interval: 5m
                  prune: true
                  wait: true
                """);
        files.put("services/ffc/ffc-ffd/ffc-ffd-backend-poc/deploy/base/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - helm-release.yaml\n");
        files.put("services/ffc/ffc-ffd/ffc-ffd-backend-poc/deploy/base/helm-release.yaml", helmRelease(RELEASE, "0.1.0"));
        files.put("services/ffc/ffc-ffd/ffc-ffd-backend-poc/deploy/snd/04/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\npatches:\n  - path: patch.yaml\n");
        files.put(PATCH, patch(version));
        return files;
    }

    private static String helmRelease(String name, String version) {
        return """
                apiVersion: helm.toolkit.fluxcd.io/v2beta1
                kind: HelmRelease
                metadata:
                  name: %1$s
                  namespace: flux-config
                spec:
                  releaseName: %1$s
                  chart:
                    spec:
                      chart: %1$s
                      version: "%2$s"
                      sourceRef:
                        kind: HelmRepository
                        name: ffc-ffd-helm-repo
                        namespace: flux-config
                  interval: 5m0s
                  targetNamespace: ffc-ffd
                """.formatted(name, version);
    }

    /** The instance's patch, as image automation rewrites it: the chart version and the values. */
    private static String patch(String version) {
        return """
                apiVersion: helm.toolkit.fluxcd.io/v2beta1
                kind: HelmRelease
                metadata:
                  name: ffc-ffd-backend-poc
                  namespace: flux-config
                spec:
                  chart:
                    spec:
                      version: "%1$s" # {"$imagepolicy": "flux-config:ffc-ffd-backend-poc-snd-04:tag"}
                  values:
                    image: sndadpinfcr3401.azurecr.io/image/ffc-ffd-backend-poc:%1$s
                """.formatted(version);
    }

    // --- reading what the API reports

    private JsonNode properties() {
        return azure.arm.get(flux).body().path("properties");
    }

    private Optional<JsonNode> status(String name) {
        for (JsonNode status : properties().path("statuses")) {
            if (status.path("name").asText().equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    private String state(String name) {
        return status(name).map(s -> s.path("complianceState").asText() + ": " + s.at("/statusConditions/0/message").asText()).orElse("absent");
    }

    private String appliedBy(String kind, String name) {
        for (JsonNode status : properties().path("statuses")) {
            if (status.path("name").asText().equals(name) && status.path("kind").asText().equals(kind)) {
                JsonNode by = status.path("appliedBy");
                return by.isNull() ? "null" : by.path("namespace").asText() + "/" + by.path("name").asText();
            }
        }
        return "absent";
    }

    /** The object's state now and after each of {@code steps} reconcile steps, each change once. */
    private List<String> watch(String name, int steps) {
        List<String> seen = new ArrayList<>();
        for (int step = 0; step <= steps; step++) {
            if (step > 0) {
                azure.clock.advance(FluxClusters.STEP);
            }
            String state = state(name);
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(state)) {
                seen.add(state);
            }
        }
        return seen;
    }
}
