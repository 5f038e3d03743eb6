package io.aksflux.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Flux as the emulator simulates it, over real Git repositories: statuses, dependency order, Flux's messages. */
class SimulatedFluxTest {
    @RegisterExtension
    static final FluxClusters azure = new FluxClusters();
    private String cluster;
    private String flux;

    @TempDir
    Path repo;

    /** Each test on a cluster of its own, with the flux extension installed. */
    @BeforeEach
    void cluster() {
        cluster = azure.clusterWithFluxExtension();
        flux = FluxClusters.fluxConfiguration(cluster);
    }

    private JsonNode configure(Map<String, String> files) throws Exception {
        azure.arm.put(flux, ArmEmulatorTest.fluxBody(GitRepos.create(repo, files)));
        azure.clock.advance(FluxClusters.LRO);
        return properties();
    }

    private JsonNode properties() {
        return azure.arm.get(flux).body().path("properties");
    }

    private static String state(JsonNode properties, String object) {
        for (JsonNode status : properties.path("statuses")) {
            if (status.path("name").asText().equals(object)) {
                return status.path("complianceState").asText() + ": " + status.at("/statusConditions/0/message").asText();
            }
        }
        return "absent";
    }

    @Test
    void kustomizations_turn_compliant_one_step_after_their_dependencies() throws Exception {
        JsonNode start = configure(GitRepos.snd4Core());
        String revision = start.path("sourceSyncedCommitId").asText();

        assertThat(revision).matches("main@sha1:[0-9a-f]{40}");
        assertThat(state(start, "flux-config")).isEqualTo("Compliant: stored artifact for revision '" + revision + "'");
        assertThat(state(start, "flux-config-cluster")).isEqualTo("Pending: Reconciliation in progress");
        assertThat(state(start, "flux-config-infra")).isEqualTo("Pending: dependency 'flux-config/flux-config-cluster' is not ready");
        assertThat(start.path("complianceState").asText()).isEqualTo("Pending");

        azure.clock.advance(FluxClusters.STEP);
        JsonNode second = properties();
        assertThat(state(second, "flux-config-cluster")).isEqualTo("Compliant: Applied revision: " + revision);
        assertThat(state(second, "flux-config-infra")).isEqualTo("Pending: Reconciliation in progress");
        assertThat(state(second, "flux-config-services")).isEqualTo("Pending: dependency 'flux-config/flux-config-infra' is not ready");

        azure.clock.advance(FluxClusters.STEP.multipliedBy(2));
        JsonNode done = properties();
        assertThat(done.path("complianceState").asText()).isEqualTo("Compliant");
        assertThat(done.path("statuses")).hasSize(5).allSatisfy(s -> {
            assertThat(s.path("complianceState").asText()).isEqualTo("Compliant");
            assertThat(s.path("namespace").asText()).isEqualTo("flux-config");
            assertThat(s.has("appliedBy") && s.has("helmReleaseProperties")).isTrue();
            assertThat(s.at("/statusConditions/0/type").asText()).isEqualTo("Ready");
        });
        assertThat(done.path("statuses")).extracting(s -> s.path("kind").asText())
                .containsExactly("GitRepository", "Kustomization", "Kustomization", "Kustomization", "GitRepository");
    }

    @Test
    void with_no_simulated_durations_everything_is_compliant_at_once() throws Exception {
        try (ArmEmulator instant = ArmEmulator.start(EmulatorOptions.defaults().withClock(azure.clock)
                .withLroDuration(Duration.ZERO).withReconcileStep(Duration.ZERO))) {
            instant.addCluster("s", "rg", "aks");
            ArmClient client = new ArmClient(instant);
            String aks = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks";
            client.put(aks + "/providers/Microsoft.KubernetesConfiguration/extensions/flux?api-version=2025-03-01", ArmEmulatorTest.EXTENSION_BODY);

            ArmClient.Reply created = client.put(aks + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/flux-config?api-version=2025-04-01",
                    ArmEmulatorTest.fluxBody(GitRepos.create(repo, GitRepos.snd4Core())));

            assertThat(created.body().at("/properties/provisioningState").asText()).isEqualTo("Succeeded");
            assertThat(created.body().at("/properties/complianceState").asText()).isEqualTo("Compliant");
        }
    }

    @Test
    void a_missing_path_is_non_compliant_naming_the_path_and_blocks_its_dependents() throws Exception {
        Map<String, String> files = new HashMap<>(GitRepos.snd4Core());
        files.remove("infra/snd/04/kustomization.yaml");

        configure(files);
        azure.clock.advance(FluxClusters.STEP.multipliedBy(3));
        JsonNode properties = properties();

        assertThat(state(properties, "flux-config-cluster")).startsWith("Compliant");
        assertThat(state(properties, "flux-config-infra"))
                .isEqualTo("Non-Compliant: kustomization path not found: stat /tmp/flux-config/infra/snd/04: no such file or directory");
        assertThat(state(properties, "flux-config-services")).isEqualTo("Pending: dependency 'flux-config/flux-config-infra' is not ready");
        assertThat(properties.path("complianceState").asText()).isEqualTo("Non-Compliant");
    }

    @Test
    void a_resource_that_does_not_resolve_fails_the_kustomize_build() throws Exception {
        Map<String, String> files = new HashMap<>(GitRepos.snd4Core());
        files.remove("services/base/services-repository.yaml");

        configure(files);
        azure.clock.advance(FluxClusters.STEP.multipliedBy(3));

        assertThat(state(properties(), "flux-config-services")).startsWith("Non-Compliant: kustomize build failed: accumulating resources: ")
                .contains("'services-repository.yaml'").endsWith("/tmp/flux-config/services/base/services-repository.yaml: no such file or directory'");
    }

    @Test
    void a_directory_resource_without_a_kustomization_fails_the_build() throws Exception {
        Map<String, String> files = new HashMap<>(GitRepos.snd4Core());
        files.remove("infra/snd/base/kustomization.yaml");
        files.put("infra/snd/base/readme.md", "no kustomization here");

        configure(files);
        azure.clock.advance(FluxClusters.STEP.multipliedBy(3));

        assertThat(state(properties(), "flux-config-infra")).contains("unable to find one of 'kustomization.yaml'")
                .contains("/tmp/flux-config/infra/snd/base");
    }

    @Test
    void a_path_removed_by_a_later_commit_is_noticed_at_the_next_reconcile() throws Exception {
        String revision = configure(GitRepos.snd4Core()).path("sourceSyncedCommitId").asText();
        azure.clock.advance(FluxClusters.STEP.multipliedBy(3));
        assertThat(properties().path("complianceState").asText()).isEqualTo("Compliant");

        GitRepos.delete(repo, "services/snd/04/kustomization.yaml", "remove services");
        azure.clock.advance(FluxClusters.STEP);
        assertThat(properties().path("sourceSyncedCommitId").asText()).isNotEqualTo(revision);
        azure.clock.advance(FluxClusters.STEP.multipliedBy(3));
        JsonNode properties = properties();

        assertThat(state(properties, "flux-config-services")).startsWith("Non-Compliant: kustomization path not found");
        assertThat(properties.path("complianceState").asText()).isEqualTo("Non-Compliant");
    }

    @Test
    void a_missing_branch_makes_the_git_repository_non_compliant() throws Exception {
        String url = GitRepos.create(repo, GitRepos.snd4Core());
        azure.arm.put(flux, ArmEmulatorTest.fluxBody(url).replace("\"branch\": \"main\"", "\"branch\": \"release\""));
        azure.clock.advance(FluxClusters.LRO);

        JsonNode properties = properties();

        assertThat(state(properties, "flux-config")).isEqualTo("Non-Compliant: failed to checkout and determine revision: unable to clone '"
                + url + "': couldn't find remote ref \"refs/heads/release\"");
        assertThat(state(properties, "flux-config-cluster")).startsWith("Pending");
        assertThat(properties.path("complianceState").asText()).isEqualTo("Non-Compliant");
    }

    @Test
    void a_remote_repository_is_refused_at_once_with_a_clear_message() {
        azure.arm.put(flux, ArmEmulatorTest.fluxBody("https://github.com/DEFRA/adp-flux-core"));
        azure.clock.advance(FluxClusters.LRO);

        assertThat(state(properties(), "flux-config")).contains("only reaches local repositories").contains("github.com");
    }

    @Test
    void an_object_id_registered_twice_fails_the_build_with_kustomizes_message() throws Exception {
        Map<String, String> files = new HashMap<>(GitRepos.snd4Core());
        files.put("services/base/kustomization.yaml", "resources:\n  - services-repository.yaml\n  - copy.yaml\n");
        files.put("services/base/copy.yaml", files.get("services/base/services-repository.yaml"));

        configure(files);
        azure.clock.advance(FluxClusters.STEP.multipliedBy(3));

        // the words kubectl kustomize (v5.5) prints for the same tree
        assertThat(state(properties(), "flux-config-services")).isEqualTo("Non-Compliant: kustomize build failed: accumulating resources:"
                + " accumulation err='accumulating resources from '../../base': '/tmp/flux-config/services/base' must resolve to a file':"
                + " recursed accumulation of path '/tmp/flux-config/services/base': accumulating resources: accumulation err='merging"
                + " resources from 'copy.yaml': may not add resource with an already registered id:"
                + " GitRepository.v1.source.toolkit.fluxcd.io/services.[noNs]': must build at directory:"
                + " '/tmp/flux-config/services/base/copy.yaml': file is not directory");
        assertThat(state(properties(), "flux-config-infra")).startsWith("Compliant");
    }

    @Test
    void the_same_object_from_a_base_and_a_file_beside_it_is_a_duplicate_too() throws Exception {
        Map<String, String> files = new HashMap<>(GitRepos.snd4Core());
        String configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vars\n  namespace: flux-config\n";
        files.put("infra/snd/base/kustomization.yaml", "resources:\n  - vars.yaml\n");
        files.put("infra/snd/base/vars.yaml", configMap);
        files.put("infra/snd/04/kustomization.yaml", "resources:\n  - vars.yaml\n  - ../base\n");
        files.put("infra/snd/04/vars.yaml", configMap);

        configure(files);
        azure.clock.advance(FluxClusters.STEP.multipliedBy(3));

        assertThat(state(properties(), "flux-config-infra")).isEqualTo("Non-Compliant: kustomize build failed: accumulating resources:"
                + " accumulation err='accumulating resources from '../base': '/tmp/flux-config/infra/snd/base' must resolve to a file':"
                + " recursed merging from path '/tmp/flux-config/infra/snd/base': may not add resource with an already registered id:"
                + " ConfigMap.v1.[noGrp]/vars.flux-config");
    }

    @Test
    void a_missing_substitute_from_config_map_fails_the_kustomization_with_fluxs_message() throws Exception {
        azure.arm.put(flux, fluxBodySubstitutingFrom(GitRepos.create(repo, GitRepos.snd4Core()), "{\"kind\": \"ConfigMap\", \"name\": \"adp-platform-vars\"}"));
        azure.clock.advance(FluxClusters.LRO.plus(FluxClusters.STEP.multipliedBy(3)));

        assertThat(state(properties(), "flux-config-services"))
                .isEqualTo("Non-Compliant: substitute from 'ConfigMap/adp-platform-vars' error: configmaps \"adp-platform-vars\" not found");
        assertThat(properties().path("complianceState").asText()).isEqualTo("Non-Compliant");
    }

    @Test
    void an_optional_substitute_from_that_is_missing_is_skipped() throws Exception {
        azure.arm.put(flux, fluxBodySubstitutingFrom(GitRepos.create(repo, GitRepos.snd4Core()),
                "{\"kind\": \"Secret\", \"name\": \"adp-platform-secrets\", \"optional\": true}"));
        azure.clock.advance(FluxClusters.LRO.plus(FluxClusters.STEP.multipliedBy(3)));

        assertThat(properties().path("complianceState").asText()).isEqualTo("Compliant");
    }

    @Test
    void an_app_configuration_provider_applied_by_an_earlier_kustomization_creates_the_config_map_a_later_one_substitutes_from()
            throws Exception {
        Map<String, String> files = new HashMap<>(GitRepos.snd4Core());
        files.put("infra/snd/base/kustomization.yaml", "resources:\n  - provider.yaml\n");
        files.put("infra/snd/base/provider.yaml", """
                apiVersion: azconfig.io/v1
                kind: AzureAppConfigurationProvider
                metadata:
                  name: adp-platform-vars
                  namespace: flux-config
                spec:
                  endpoint: https://${APPCONFIG_NAME}.azconfig.io
                  target:
                    configMapName: adp-platform-vars
                  secret:
                    target:
                      secretName: adp-platform-secrets
                """);

        azure.arm.put(flux, fluxBodySubstitutingFrom(GitRepos.create(repo, files), "{\"kind\": \"ConfigMap\", \"name\": \"adp-platform-vars\"}"));
        azure.clock.advance(FluxClusters.LRO.plus(FluxClusters.STEP.multipliedBy(3)));

        assertThat(properties().path("complianceState").asText()).isEqualTo("Compliant");
        assertThat(azure.emulator.kubernetes().configMap(cluster, "flux-config", "adp-platform-vars")).isPresent();
        assertThat(azure.emulator.clusterSecret(cluster, "flux-config", "adp-platform-secrets")).hasValueSatisfying(secret -> {
            assertThat(secret.owners()).containsExactly("AzureAppConfigurationProvider/adp-platform-vars");
            assertThat(secret.data()).containsOnlyKeys("address", "identity", "identity.pub", "known_hosts");
        });
    }

    /** The shipped layout's three kustomizations, {@code services} substituting from the given object. */
    private static String fluxBodySubstitutingFrom(String url, String reference) {
        return ArmEmulatorTest.fluxBody(url).replace("\"services\": {\"path\": \"./services/snd/04\", \"dependsOn\": [\"cluster\", \"infra\"], \"prune\": true}",
                "\"services\": {\"path\": \"./services/snd/04\", \"dependsOn\": [\"cluster\", \"infra\"], \"prune\": true,"
                        + " \"postBuild\": {\"substituteFrom\": [" + reference + "]}}");
    }
}
