package io.aksflux.apply;

import io.aksflux.azure.AzureArmGateway;
import io.aksflux.emulator.ArmEmulator;
import io.aksflux.emulator.RecordedRequest;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import io.aksflux.support.EmulatedAzure;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.SimulatedTicker;
import io.aksflux.support.GitRepos;
import io.aksflux.support.SeedFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.aksflux.support.EmulatedAzure.FLUX;
import static io.aksflux.support.EmulatedAzure.EXTENSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * apply of snd4 through the real Azure SDK HTTP path (token, retry policy, JDK client over HTTPS) against the
 * emulator, whose clock is the engine's simulated ticker: nothing sleeps. The core and services repositories are
 * local bare repositories that the seed stage fills, and simulated Flux reads them.
 */
class ApplyOverHttpsTest {
    private static final Duration LRO = Duration.ofSeconds(30);
    private static final String NOTIFICATION_SECRET = "POST /providers/Microsoft.ContainerService/managedClusters/SNDADPINFAK1404/runCommand"
            + " kubectl apply --server-side --field-manager=aksflux --force-conflicts -f notification-secret.yaml 202";

    private final SimulatedTicker ticker = new SimulatedTicker();
    private final RecordingProgress progress = new RecordingProgress();
    private SeedFixture repos;
    private EmulatedAzure azure;
    private ArmEmulator emulator;
    private AzureArmGateway arm;
    private Environment snd4;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        azure = new EmulatedAzure(ticker, LRO, Duration.ofSeconds(45));
        emulator = azure.emulator;
        arm = azure.arm;
        repos = new SeedFixture(dir);
        snd4 = repos.environment("snd4");
        azure.add(snd4);
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    private ApplyResult apply(Duration timeout) {
        return apply(timeout, Set.of());
    }

    private ApplyResult apply(Duration timeout, Set<Stage> skip) {
        return repos.workspace().apply(snd4, new Workspace.ApplyOptions(skip, true, timeout, false), arm, SeedFixture.localRemote(),
                ticker.pacing(), progress);
    }

    /** ARM and cluster writes (a runCommand running kubectl apply is one; listKeys and kubectl get only read). */
    private List<String> writes() {
        return azure.writes();
    }

    @Test
    void a_new_environment_gets_the_extension_then_the_flux_configuration_and_converges() {
        ApplyResult result = apply(Duration.ofMinutes(20));

        assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.CONVERGED);
        assertThat(writes()).containsExactly(NOTIFICATION_SECRET, "PUT " + EXTENSION + " 201", "PUT " + FLUX + " 201");
        assertThat(emulator.resource(snd4.azure().clusterId() + FLUX)).hasValueSatisfying(flux ->
                assertThat(flux.at("/properties/complianceState").asText()).isEqualTo("Compliant"));
        assertThat(progress.lines()).contains("flux-config-infra: Pending: dependency 'flux-config/flux-config-cluster' is not ready");
    }

    @Test
    void a_secret_the_app_configuration_provider_owns_in_the_emulated_cluster_is_never_written() {
        snd4 = repos.environment("snd4", "notifications.secretName=adp-platform-secrets");
        emulator.kubernetes().appConfigurationProvider(snd4.azure().clusterId(), "flux-config", "adp-platform-vars", "adp-platform-vars",
                "adp-platform-secrets");

        assertThatThrownBy(() -> apply(Duration.ofMinutes(20))).isInstanceOf(ProvisioningFailedException.class)
                .hasMessageContaining("secret flux-config/adp-platform-secrets exists and is not aksflux's: it is owned by"
                        + " AzureAppConfigurationProvider/adp-platform-vars (ownerReferences)")
                .hasMessageContaining("wrote nothing");
        assertThat(writes()).noneMatch(w -> w.contains("/runCommand") || w.contains("Microsoft.KubernetesConfiguration"));
        assertThat(emulator.clusterSecret(snd4.azure().clusterId(), "flux-config", "adp-platform-secrets")).hasValueSatisfying(secret -> {
            assertThat(secret.owners()).containsExactly("AzureAppConfigurationProvider/adp-platform-vars");
            assertThat(secret.annotations()).doesNotContainKey("aksflux.io/address-sha256");
        });
    }

    @Test
    void the_notification_secret_lands_in_the_cluster_through_run_command_once() {
        var hub = snd4.notifications().eventHub();
        ApplyResult first = apply(Duration.ofMinutes(20));
        ApplyResult second = apply(Duration.ofMinutes(20));

        assertThat(emulator.clusterSecret(snd4.azure().clusterId(), "flux-config", "aksflux-notification")).hasValueSatisfying(secret -> {
            assertThat(secret.type()).isEqualTo("Opaque");
            assertThat(secret.data().get("address")).startsWith("Endpoint=sb://" + hub.namespace() + ".servicebus.windows.net/;"
                    + "SharedAccessKeyName=" + hub.authorizationRule() + ";SharedAccessKey=").endsWith(";EntityPath=" + hub.name());
            assertThat(secret.annotations()).containsEntry("aksflux.io/address-sha256",
                    io.aksflux.desired.NotificationSecretManifest.digest(secret.data().get("address")));
        });
        assertThat(first.stages()).contains(new ApplyResult.StageResult("notifications", "changed", "create Secret flux-config/aksflux-notification"));
        assertThat(second.stages()).contains(new ApplyResult.StageResult("notifications", "unchanged", "none Secret flux-config/aksflux-notification"));
        assertThat(writes()).filteredOn(w -> w.contains("/runCommand")).containsExactly(NOTIFICATION_SECRET);
        assertThat(emulator.requests()).filteredOn(r -> r.path().endsWith("/listKeys") || r.path().endsWith("/runCommand"))
                .extracting(RecordedRequest::apiVersion).containsOnly("2024-01-01", io.aksflux.arm.ArmIds.MANAGED_CLUSTERS_API);
    }

    @Test
    void the_bodies_apply_sends_are_the_ones_the_published_spec_accepts() {
        apply(Duration.ofMinutes(20));

        // the emulator refuses a body that does not validate with 400, so 201 proves it validated
        assertThat(emulator.requests()).filteredOn(r -> r.method().equals("PUT")).extracting(RecordedRequest::status).containsOnly(201);
        assertThat(emulator.requests()).filteredOn(r -> r.method().equals("PUT")).extracting(RecordedRequest::apiVersion)
                .containsExactly(snd4.azure().extensionsApiVersion(), snd4.azure().fluxConfigurationsApiVersion());
    }

    @Test
    void a_second_apply_makes_no_put() {
        apply(Duration.ofMinutes(20));
        int before = writes().size();

        ApplyResult second = apply(Duration.ofMinutes(20));

        assertThat(writes()).hasSize(before);
        assertThat(second.wroteAnything()).isFalse();
        assertThat(second.outcome()).isEqualTo(ApplyResult.Outcome.CONVERGED);
    }

    @Test
    void a_reapply_that_pushes_a_seed_commit_waits_until_flux_has_applied_it() {
        apply(Duration.ofMinutes(20));
        // someone emptied the instance kustomization: the seed puts '../base' back in a new commit
        GitRepos.commit(repos.core, "main", Map.of("infra/snd/04/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n"), "emptied by hand");

        // without the notification secret's runCommand between seed and converge, which gives Flux time to fetch first
        ApplyResult second = apply(Duration.ofMinutes(20), Set.of(Stage.NOTIFICATIONS));

        String seeded = GitRepos.log(repos.core, "main").get(0).getName();
        assertThat(GitRepos.log(repos.core, "main").get(0).getFullMessage()).startsWith("aksflux: seed snd4");
        assertThat(second.outcome()).isEqualTo(ApplyResult.Outcome.CONVERGED);
        assertThat(progress.lines()).anySatisfy(line -> assertThat(line).startsWith("waiting for Flux to fetch " + seeded.substring(0, 12)));
        assertThat(emulator.resource(snd4.azure().clusterId() + FLUX)).hasValueSatisfying(flux ->
                assertThat(flux.at("/properties/sourceSyncedCommitId").asText()).endsWith(seeded));
    }

    @Test
    void conflicts_throttling_and_server_errors_are_retried_until_the_put_succeeds() {
        emulator.faults().conflictsBeforePut(2).throttle(2, 0).serverErrors(1);

        ApplyResult result = apply(Duration.ofMinutes(20));

        assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.CONVERGED);
        assertThat(emulator.requests()).extracting(RecordedRequest::status).contains(429, 500, 409);
        assertThat(writes()).filteredOn(w -> w.startsWith("PUT " + EXTENSION)).containsExactly(
                "PUT " + EXTENSION + " 409", "PUT " + EXTENSION + " 409", "PUT " + EXTENSION + " 201");
        assertThat(progress.lines()).anySatisfy(line -> assertThat(line).contains("another operation is in progress on the cluster"));
    }

    @Test
    void a_conflict_after_which_the_resource_already_has_the_desired_body_sends_no_second_put() {
        // the PUT is carried out but its answer is lost: the client hears 409 from the operation that PUT started
        emulator.faults().loseAnswersToPuts(2);

        ApplyResult result = apply(Duration.ofMinutes(20));

        assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.CONVERGED);
        assertThat(writes()).filteredOn(w -> w.startsWith("PUT ")).containsExactly("PUT " + EXTENSION + " 409", "PUT " + FLUX + " 409");
        assertThat(progress.lines()).anySatisfy(line -> assertThat(line).contains("extension flux: already as desired after the conflict"));
        assertThat(emulator.resource(snd4.azure().clusterId() + EXTENSION)).hasValueSatisfying(extension ->
                assertThat(extension.at("/properties/provisioningState").asText()).isEqualTo("Succeeded"));
    }

    @Test
    void a_failed_extension_install_is_reported_with_azures_message() {
        emulator.faults().failExtension("helm install failed: timed out waiting for the condition");

        assertThatThrownBy(() -> apply(Duration.ofMinutes(20))).isInstanceOf(ProvisioningFailedException.class)
                .hasMessageContaining("helm install failed: timed out waiting for the condition")
                .satisfies(e -> assertThat(((ProvisioningFailedException) e).blockers()).as("the failed resource, as data for reports")
                        .first().satisfies(blocker -> {
                            assertThat(blocker.kind()).isEqualTo("Microsoft.KubernetesConfiguration/extensions");
                            assertThat(blocker.name()).isEqualTo("flux");
                            assertThat(blocker.state()).isEqualTo("Failed");
                            assertThat(blocker.message()).contains("helm install failed: timed out waiting for the condition");
                        }));
        assertThat(writes()).noneMatch(w -> w.contains(FLUX));
    }

    @Test
    void convergence_timeout_names_the_kustomization_that_blocks() {
        // a team entry that resolves to nothing: seeding keeps it, Flux cannot build the folder
        GitRepos.commit(repos.core, "main", Map.of("services/snd/04/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../teams/missing\n"), "team entry");

        ApplyResult result = apply(Duration.ofMinutes(5));

        assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.TIMED_OUT);
        assertThat(result.blocking()).extracting(ResourceState.ObjectStatus::name).containsExactly("flux-config-services");
        assertThat(result.blocking().get(0).message()).contains("teams/missing");
    }
}
