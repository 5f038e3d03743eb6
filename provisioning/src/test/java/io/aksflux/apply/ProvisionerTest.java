package io.aksflux.apply;

import io.aksflux.error.WaitTimedOutException;
import com.fasterxml.jackson.databind.JsonNode;
import io.aksflux.arm.ArmException;
import io.aksflux.arm.ArmIds;
import io.aksflux.desired.ExtensionBody;
import io.aksflux.desired.FluxConfigurationBody;
import io.aksflux.environment.Environment;
import io.aksflux.support.FakeArm;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.SimulatedTicker;
import io.aksflux.support.Workspaces;
import io.aksflux.desired.DesiredState;
import io.aksflux.error.GitException;
import io.aksflux.support.GitRepos;
import io.aksflux.support.SeedFixture;
import io.aksflux.template.RenderedFile;
import io.aksflux.template.TemplateSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Given an environment and an ARM in some state, when applied, then these requests and this outcome. */
class ProvisionerTest {
    @TempDir
    Path dir;
    private SeedFixture repos;
    private Environment snd4;

    @BeforeEach
    void repositories() {
        repos = new SeedFixture(dir);
        snd4 = repos.environment("snd4");
    }
    private final SimulatedTicker ticker = new SimulatedTicker();
    private final RecordingProgress progress = new RecordingProgress();

    /** A healthy subscription whose Flux has fetched the core repository's head. */
    private FakeArm healthy() {
        return FakeArm.healthy(snd4).syncing(() -> GitRepos.log(repos.core, "main").get(0).getName());
    }

    private ApplyResult apply(FakeArm arm, Environment env, Set<Stage> skip, boolean wait, boolean register) {
        var desired = DesiredState.of(env, TemplateSource.directory(Workspaces.templates()));
        return new Provisioner(arm, SeedFixture.localRemote(), ticker.pacing(), progress)
                .apply(new ApplyRequest(env, desired, skip, wait, Duration.ofMinutes(20), register));
    }

    private ApplyResult apply(FakeArm arm) {
        return apply(arm, snd4, Set.of(), true, false);
    }

    @Test
    void a_new_environment_gets_the_extension_before_the_flux_configuration_and_converges() {
        FakeArm arm = healthy().pendingFor(3);

        ApplyResult result = apply(arm);

        assertThat(arm.writes()).extracting(FakeArm.Request::toString).containsExactly(
                "PUT Microsoft.KubernetesConfiguration/extensions/flux",
                "PUT Microsoft.KubernetesConfiguration/fluxConfigurations/flux-config");
        assertThat(arm.writes().get(0).body()).isEqualTo(ExtensionBody.of(snd4).body());
        assertThat(arm.writes().get(1).body()).isEqualTo(FluxConfigurationBody.of(snd4).body());
        assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.CONVERGED);
        assertThat(result.stages()).extracting(ApplyResult.StageResult::stage, ApplyResult.StageResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("preflight", "done"), org.assertj.core.groups.Tuple.tuple("seed", "changed"),
                org.assertj.core.groups.Tuple.tuple("notifications", "changed"), org.assertj.core.groups.Tuple.tuple("extension", "changed"),
                org.assertj.core.groups.Tuple.tuple("flux", "changed"), org.assertj.core.groups.Tuple.tuple("converge", "done"));
        assertThat(progress.lines()).contains("flux-config-infra: Pending: dependency 'flux-config-cluster' is not ready",
                "flux-config-services: Compliant: Applied revision: main@sha1:0123456789abcdef");
    }

    @Test
    void second_apply_of_an_unchanged_environment_makes_no_write() {
        FakeArm arm = healthy();
        apply(arm);
        int before = arm.writes().size();

        ApplyResult second = apply(arm);

        assertThat(arm.writes()).hasSize(before);
        assertThat(second.wroteAnything()).isFalse();
        assertThat(progress.lines()).contains("extension flux: up to date, nothing to write",
                "flux configuration flux-config: up to date, nothing to write");
    }

    @Test
    void a_changed_setting_puts_the_whole_body_again_and_names_the_field() {
        FakeArm arm = healthy();
        apply(arm);
        Environment changed = repos.environment("snd4", "extension.settings.helm-controller.detectDrift=false");

        apply(arm, changed, Set.of(), true, false);

        assertThat(arm.writes()).extracting(FakeArm.Request::toString).endsWith("PUT Microsoft.KubernetesConfiguration/extensions/flux");
        assertThat(arm.writes().get(arm.writes().size() - 1).body()).isEqualTo(ExtensionBody.of(changed).body());
        assertThat(progress.lines()).contains("extension flux: updating properties.configurationSettings.helm-controller.detectDrift");
    }

    @Test
    void converge_waits_until_flux_has_fetched_the_commit_the_seed_pushed() {
        FakeArm stale = FakeArm.healthy(snd4); // Flux keeps reporting an older commit as Compliant

        ApplyResult result = apply(stale);

        String seeded = GitRepos.log(repos.core, "main").get(0).getName();
        assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.TIMED_OUT);
        assertThat(result.blocking()).extracting(ResourceState.ObjectStatus::kind, ResourceState.ObjectStatus::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GitRepository", "flux-config"));
        assertThat(result.blocking().get(0).message()).contains("not yet " + seeded + ", the head of the source branch");
        assertThat(progress.lines()).contains("waiting for Flux to fetch " + seeded.substring(0, 12) + " (synced: main@sha1:0123456789abcdef)");
    }

    @Test
    void conflicts_are_retried_with_backoff_on_simulated_time() {
        FakeArm arm = healthy().conflicts(2);

        ApplyResult result = apply(arm);

        assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.CONVERGED);
        assertThat(arm.writes()).extracting(FakeArm.Request::toString).containsExactly(
                "PUT Microsoft.KubernetesConfiguration/extensions/flux", "PUT Microsoft.KubernetesConfiguration/extensions/flux",
                "PUT Microsoft.KubernetesConfiguration/extensions/flux", "PUT Microsoft.KubernetesConfiguration/fluxConfigurations/flux-config");
        assertThat(progress.lines()).anyMatch(l -> l.contains("another operation is in progress on the cluster (OperationNotAllowed)"));
    }

    @Test
    void conflicts_beyond_the_bound_fail_with_arms_message() {
        FakeArm arm = healthy().conflicts(100);

        assertThatThrownBy(() -> apply(arm)).isInstanceOf(ArmException.class)
                .hasMessageContaining("409 OperationNotAllowed: Another operation is in progress");
        assertThat(arm.writes()).hasSize(9);
    }

    @Test
    void a_failed_extension_stops_apply_with_azures_message() {
        FakeArm arm = healthy().failing("flux", "helm install failed: pods \"source-controller\" is forbidden");

        assertThatThrownBy(() -> apply(arm)).isInstanceOf(ProvisioningFailedException.class)
                .hasMessage("extension flux Failed: helm install failed: pods \"source-controller\" is forbidden");
        assertThat(arm.writes()).extracting(FakeArm.Request::toString).containsExactly("PUT Microsoft.KubernetesConfiguration/extensions/flux");
    }

    @Test
    void a_convergence_timeout_names_the_blocking_kustomization() {
        FakeArm arm = healthy().block("infra", "kustomization path not found: stat /tmp/flux/infra/snd/04: no such file or directory");

        ApplyResult result = apply(arm);

        assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.TIMED_OUT);
        assertThat(result.blocking()).extracting(ResourceState.ObjectStatus::name, ResourceState.ObjectStatus::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("flux-config-infra", "kustomization path not found: stat /tmp/flux/infra/snd/04: no such file or directory"),
                org.assertj.core.groups.Tuple.tuple("flux-config-services", "dependency 'flux-config-infra' is not ready"));
        assertThat(ticker.slept()).isGreaterThanOrEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void an_unregistered_provider_stops_preflight_with_the_fix() {
        FakeArm arm = healthy().provider("Microsoft.KubernetesConfiguration", "NotRegistered");

        assertThatThrownBy(() -> apply(arm)).isInstanceOf(ProvisioningFailedException.class)
                .hasMessageContaining("resource provider Microsoft.KubernetesConfiguration is NotRegistered")
                .hasMessageContaining("re-run registering the providers");
        assertThat(arm.writes()).isEmpty();
    }

    @Test
    void register_providers_registers_and_carries_on() {
        FakeArm arm = healthy().provider("Microsoft.KubernetesConfiguration", "NotRegistered");

        apply(arm, snd4, Set.of(), true, true);

        assertThat(arm.writes().get(0).toString()).isEqualTo("POST Microsoft.KubernetesConfiguration/register");
        assertThat(arm.writes().get(0).id()).isEqualTo(ArmIds.provider(snd4, "Microsoft.KubernetesConfiguration") + "/register");
    }

    @Test
    void a_stopped_cluster_stops_preflight() {
        FakeArm arm = healthy().addCluster(snd4, "Succeeded", "Stopped", "SystemAssigned");

        assertThatThrownBy(() -> apply(arm)).hasMessage("cluster SNDADPINFAK1404 is Stopped; start it first (az aks start)");
    }

    @Test
    void a_cluster_without_managed_identity_stops_preflight() {
        FakeArm arm = healthy().addCluster(snd4, "Succeeded", "Running", "");

        assertThatThrownBy(() -> apply(arm)).hasMessageContaining("has no managed identity");
    }

    @Test
    void a_missing_cluster_names_where_it_was_looked_for() {
        FakeArm arm = new FakeArm().provider("Microsoft.KubernetesConfiguration", "Registered").provider("Microsoft.ContainerService", "Registered");

        assertThatThrownBy(() -> apply(arm)).hasMessageStartingWith(
                "cluster SNDADPINFAK1404 not found in resource group SNDADPINFRG1404 of subscription 00000000-0000-0000-0000-000000000004");
    }

    @Test
    void a_cluster_not_found_where_its_provider_is_unregistered_names_the_provider() {
        FakeArm arm = new FakeArm().provider("Microsoft.KubernetesConfiguration", "Registered").provider("Microsoft.ContainerService", "NotRegistered");

        assertThatThrownBy(() -> apply(arm)).isInstanceOf(ProvisioningFailedException.class)
                .hasMessageContaining("resource provider Microsoft.ContainerService is NotRegistered");
    }

    @Test
    void a_read_refused_for_want_of_registration_is_answered_by_registering_the_provider_when_asked() {
        FakeArm arm = healthy().provider("Microsoft.KubernetesConfiguration", "NotRegistered");
        var desired = DesiredState.of(snd4, TemplateSource.directory(Workspaces.templates()));
        Preflight preflight = new Preflight(new ArmWriter(arm, ticker.pacing(), progress), ticker.pacing(), progress, new RegisteredProviders());

        assertThatThrownBy(() -> preflight.run(snd4, desired.arm(), false, Duration.ofMinutes(1)))
                .isInstanceOf(ProvisioningFailedException.class)
                .hasMessageContaining("resource provider Microsoft.KubernetesConfiguration is NotRegistered");
        assertThat(preflight.run(snd4, desired.arm(), true, Duration.ofMinutes(10))).startsWith("providers registered");
        assertThat(arm.requests()).extracting(FakeArm.Request::toString).contains("POST Microsoft.KubernetesConfiguration/register");
    }

    @Test
    void a_re_apply_over_an_existing_extension_reads_no_resource_provider() {
        FakeArm arm = healthy();
        apply(arm);
        int before = arm.requests().size();
        RegisteredProviders fresh = new RegisteredProviders(); // a new process: nothing known
        var desired = DesiredState.of(snd4, TemplateSource.directory(Workspaces.templates()));

        new Preflight(new ArmWriter(arm, ticker.pacing(), progress), ticker.pacing(), progress, fresh)
                .run(snd4, desired.arm(), false, Duration.ofMinutes(1));

        assertThat(arm.requests().subList(before, arm.requests().size())).extracting(FakeArm.Request::id).isNotEmpty()
                .noneMatch(id -> id.matches("/subscriptions/[^/]+/providers/[^/]+"));
    }

    @Test
    void an_operation_in_flight_is_waited_for_before_writing() {
        FakeArm arm = healthy().inFlight(ExtensionBody.id(snd4), "Updating");

        assertThatThrownBy(() -> apply(arm)).isInstanceOf(WaitTimedOutException.class)
                .hasMessageContaining("timed out after 20m (the wait timeout) waiting for the operation in flight on "
                        + "Microsoft.KubernetesConfiguration/extensions/flux; last state: Updating");
        assertThat(arm.writes()).isEmpty();
        assertThat(progress.lines()).contains("waiting for the operation in flight on Microsoft.KubernetesConfiguration/extensions/flux (Updating)");
    }

    @Test
    void no_wait_sends_the_changes_and_returns() {
        FakeArm arm = healthy().pendingFor(100);

        ApplyResult result = apply(arm, snd4, Set.of(), false, false);

        assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
        assertThat(arm.writes()).hasSize(2);
        assertThat(result.stages().get(5).status()).isEqualTo("skipped");
    }

    @Test
    void skipped_stages_do_nothing() {
        FakeArm arm = healthy();

        apply(arm, snd4, Set.of(Stage.EXTENSION, Stage.CONVERGE), true, false);

        assertThat(arm.writes()).extracting(FakeArm.Request::toString).containsExactly("PUT Microsoft.KubernetesConfiguration/fluxConfigurations/flux-config");
    }

    @Test
    void the_planned_update_ignores_what_arm_adds_on_get() {
        FakeArm arm = healthy();
        apply(arm);
        JsonNode stored = arm.resource(FluxConfigurationBody.id(snd4)).orElseThrow();

        assertThat(stored.at("/properties/kustomizations/cluster/name").asText()).isEqualTo("cluster");
        assertThat(io.aksflux.plan.Planner.arm(FluxConfigurationBody.of(snd4), new OnlineState(arm), false).action())
                .isEqualTo(io.aksflux.change.Action.NONE);
    }

    @Test
    void a_resource_whose_last_operation_failed_is_planned_as_an_update_even_when_its_body_matches_so_a_rerun_sends_it_again() {
        FakeArm arm = healthy();
        apply(arm);
        arm.inFlight(FluxConfigurationBody.id(snd4), "Failed"); // its body as desired, its operation ended Failed

        var change = io.aksflux.plan.Planner.arm(FluxConfigurationBody.of(snd4), new OnlineState(arm), false);

        assertThat(change.action()).isEqualTo(io.aksflux.change.Action.UPDATE);
        assertThat(change.diff()).extracting(d -> d.path() + ": " + d.before() + " -> " + d.after())
                .containsExactly("properties.provisioningState: \"Failed\" -> \"Succeeded\"");
    }

    @Test
    void the_seed_stage_seeds_the_repositories_before_the_flux_configuration_reads_them() {
        ApplyResult result = apply(healthy());

        assertThat(GitRepos.read(repos.core, "main", "clusters/snd/04/kustomization.yaml")).isPresent();
        assertThat(GitRepos.log(repos.core, "main").get(0).getShortMessage()).isEqualTo("aksflux: seed snd4");
        assertThat(result.stages().get(1).detail()).contains("every kustomization path exists in " + GitRepos.url(repos.core) + " at main");
    }

    @Test
    void skipping_seed_still_stops_apply_when_a_kustomization_path_is_missing() {
        FakeArm arm = healthy();

        assertThatThrownBy(() -> apply(arm, snd4, Set.of(Stage.SEED), true, false)).isInstanceOf(GitException.class)
                .hasMessageStartingWith("path ./clusters/snd/04 of kustomization 'cluster' does not exist in " + GitRepos.url(repos.core) + " at main");
        assertThat(arm.writes()).isEmpty();
    }
}
