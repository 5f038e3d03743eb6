package io.aksflux.wait;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.desired.DesiredState;
import io.aksflux.engine.EstateWait;
import io.aksflux.environment.Environment;
import io.aksflux.error.WaitTimedOutException;
import io.aksflux.git.GitCheckout;
import io.aksflux.git.GitRemote;
import io.aksflux.support.FakeArm;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.SimulatedTicker;
import io.aksflux.support.Workspaces;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.aksflux.support.FluxStatuses.helmReleaseReady;
import static io.aksflux.support.FluxStatuses.helmReleaseUpgradeFailed;
import static io.aksflux.support.FluxStatuses.helmReleaseUpgrading;
import static io.aksflux.support.FluxStatuses.kustomizationReady;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given a flux configuration whose statuses move through a rollout as Flux reports it, the wait ends ready only at
 * the wanted version, failed as soon as a failure shows, and timed out naming what it last saw.
 */
class ReleaseWaitTest {
    private static final Target.HelmRelease WEB = Target.HelmRelease.parse("ffc-demo-web", "4.32.30");
    private final Environment snd4 = Workspaces.shipped().environment("snd4", List.of());
    private final SimulatedTicker ticker = new SimulatedTicker();
    private final RecordingProgress progress = new RecordingProgress();
    private final FakeArm arm = FakeArm.healthy(snd4);
    private String head = "0123456789abcdef";

    /** Flux reports these frames, one per GET, then keeps reporting the last. */
    @SafeVarargs
    private FakeArm reporting(List<ObjectNode>... frames) {
        var flux = DesiredState.of(snd4, List.of()).fluxConfiguration();
        arm.put(flux.id(), flux.apiVersion(), flux.body());
        List<List<ObjectNode>> left = new ArrayList<>(Arrays.asList(frames));
        return arm.reports(() -> left.size() > 1 ? left.remove(0) : left.get(0));
    }

    private WaitReport await(Target... targets) {
        return new ReleaseWait(snd4, arm, git(), List.of(targets), Duration.ofMinutes(20), ticker.pacing(), progress).await();
    }

    private GitRemote git() {
        return new GitRemote() {
            @Override
            public GitCheckout checkout(String url, String branch, String startFrom) {
                throw new UnsupportedOperationException("a wait only reads heads");
            }

            @Override
            public Optional<String> head(String url, String branch) {
                return Optional.of(head);
            }
        };
    }

    @Test
    void a_release_ready_at_the_version_is_done_at_the_first_poll() {
        reporting(List.of(helmReleaseReady("flux-config", "ffc-demo-web", "4.32.30", 7)));

        WaitReport report = await(WEB);

        assertThat(report.outcome()).isEqualTo(WaitReport.Outcome.READY);
        assertThat(report.targets()).singleElement().satisfies(t -> {
            assertThat(t.seen()).isEqualTo("4.32.30");
            assertThat(t.namespace()).isEqualTo("flux-config");
        });
        assertThat(report.failure()).isEmpty();
        assertThat(progress.lines()).containsExactly("HelmRelease flux-config/ffc-demo-web: ready at 4.32.30");
        assertThat(ticker.slept()).isZero();
    }

    @Test
    void an_older_version_ready_is_waited_past_until_the_new_one_is_ready() {
        var old = List.of(helmReleaseReady("flux-config", "ffc-demo-web", "4.32.29", 6));
        reporting(old, old, old, List.of(helmReleaseUpgrading("flux-config", "ffc-demo-web", 6)),
                List.of(helmReleaseReady("flux-config", "ffc-demo-web", "4.32.30", 7)));

        WaitReport report = await(WEB);

        assertThat(report.outcome()).isEqualTo(WaitReport.Outcome.READY);
        assertThat(progress.lines()).filteredOn(l -> l.startsWith("HelmRelease")).containsExactly(
                "HelmRelease flux-config/ffc-demo-web: pending: 4.32.29 Ready, waiting for 4.32.30",
                "HelmRelease flux-config/ffc-demo-web: pending: Running 'upgrade' action with timeout of 5m0s",
                "HelmRelease flux-config/ffc-demo-web: ready at 4.32.30");
        assertThat(ticker.slept()).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void an_older_version_that_stays_ready_is_never_taken_for_the_new_one() {
        reporting(List.of(helmReleaseReady("flux-config", "ffc-demo-web", "4.32.29", 6)));

        WaitReport report = await(WEB);

        assertThat(report.outcome()).isEqualTo(WaitReport.Outcome.TIMED_OUT);
        assertThat(report.targets()).singleElement().extracting(TargetState::seen).isEqualTo("4.32.29");
        assertThat(report.failure()).get().isInstanceOf(WaitTimedOutException.class).extracting(Throwable::getMessage).isEqualTo(
                "timed out after 20m (the wait timeout); not done: HelmRelease flux-config/ffc-demo-web at 4.32.30"
                        + " (last seen: pending: 4.32.29 Ready, waiting for 4.32.30)");
    }

    @Test
    void failure_counts_rising_fail_the_wait_at_once_with_flux_s_message() {
        reporting(List.of(helmReleaseReady("flux-config", "ffc-demo-web", "4.32.29", 6)),
                List.of(helmReleaseUpgrading("flux-config", "ffc-demo-web", 6)),
                List.of(helmReleaseUpgradeFailed("flux-config", "ffc-demo-web", "4.32.30", 6, 1, "context deadline exceeded")));

        WaitReport report = await(WEB);

        assertThat(report.outcome()).isEqualTo(WaitReport.Outcome.FAILED);
        assertThat(report.failure()).get().isInstanceOf(ReleaseFailedException.class).extracting(Throwable::getMessage).isEqualTo(
                "HelmRelease flux-config/ffc-demo-web at 4.32.30 failed: Helm upgrade failed for release flux-config/ffc-demo-web"
                        + " with chart ffc-demo-web@4.32.30: context deadline exceeded (failures: 0 when the wait began, 2 now)");
        assertThat(ticker.slept()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void an_earlier_version_s_failure_seen_at_the_first_poll_is_not_this_rollout_s() {
        var failedBefore = List.of(helmReleaseUpgradeFailed("flux-config", "ffc-demo-web", "4.32.29", 6, 3, "image pull back-off"));
        reporting(failedBefore, failedBefore, List.of(helmReleaseReady("flux-config", "ffc-demo-web", "4.32.30", 7)));

        WaitReport report = await(WEB);

        assertThat(report.outcome()).isEqualTo(WaitReport.Outcome.READY);
        assertThat(progress.lines().get(0)).startsWith("HelmRelease flux-config/ffc-demo-web: pending: 4.32.29 failed, waiting for 4.32.30");
    }

    @Test
    void an_earlier_version_s_retries_failing_while_the_wait_runs_are_not_this_rollout_s_failure() {
        reporting(List.of(helmReleaseUpgradeFailed("flux-config", "ffc-demo-web", "4.32.29", 6, 1, "image pull back-off")),
                List.of(helmReleaseUpgradeFailed("flux-config", "ffc-demo-web", "4.32.29", 6, 2, "image pull back-off")),
                List.of(helmReleaseReady("flux-config", "ffc-demo-web", "4.32.30", 7)));

        WaitReport report = await(WEB);

        assertThat(report.outcome()).isEqualTo(WaitReport.Outcome.READY);
    }

    @Test
    void ready_false_for_the_wanted_version_fails_even_with_the_counts_unchanged() {
        reporting(List.of(helmReleaseUpgradeFailed("flux-config", "ffc-demo-web", "4.32.30", 6, 1, "pre-upgrade hooks failed")));

        WaitReport report = await(WEB);

        assertThat(report.outcome()).isEqualTo(WaitReport.Outcome.FAILED);
        assertThat(report.failure().orElseThrow().getMessage()).contains("pre-upgrade hooks failed");
    }

    @Test
    void a_release_never_reported_times_out_naming_it() {
        reporting(List.of());

        WaitReport report = await(WEB);

        assertThat(report.outcome()).isEqualTo(WaitReport.Outcome.TIMED_OUT);
        assertThat(report.failure().orElseThrow().getMessage()).isEqualTo("timed out after 20m (the wait timeout); not done:"
                + " HelmRelease ffc-demo-web at 4.32.30 (last seen: pending: not reported yet)");
        assertThat(progress.lines()).filteredOn(l -> l.startsWith("HelmRelease")).containsExactly("HelmRelease ffc-demo-web: pending: not reported yet");
        assertThat(progress.lines()).anyMatch(l -> l.startsWith("still waiting for HelmRelease ffc-demo-web at 4.32.30 (0 of 1 ready, 30s of 20m)"));
        assertThat(ticker.slept()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void several_releases_are_done_when_every_one_is_and_each_state_change_is_one_line() {
        var api = helmReleaseReady("ffc-demo", "ffc-demo-api", "2.0.1", 3);
        reporting(List.of(api), List.of(api, helmReleaseUpgrading("flux-config", "ffc-demo-web", 6)),
                List.of(api, helmReleaseUpgrading("flux-config", "ffc-demo-web", 6)),
                List.of(api, helmReleaseReady("flux-config", "ffc-demo-web", "4.32.30", 7)));

        WaitReport report = await(WEB, Target.HelmRelease.parse("ffc-demo/ffc-demo-api", "2.0.1"));

        assertThat(report.outcome()).isEqualTo(WaitReport.Outcome.READY);
        assertThat(progress.lines()).filteredOn(l -> l.startsWith("HelmRelease")).containsExactly(
                "HelmRelease ffc-demo-web: pending: not reported yet",
                "HelmRelease ffc-demo/ffc-demo-api: ready at 2.0.1",
                "HelmRelease flux-config/ffc-demo-web: pending: Running 'upgrade' action with timeout of 5m0s",
                "HelmRelease flux-config/ffc-demo-web: ready at 4.32.30");
    }

    @Test
    void a_name_without_namespace_prefers_the_configuration_s_namespace_then_a_unique_one_elsewhere() {
        reporting(List.of(helmReleaseReady("other", "ffc-demo-web", "1.0.0", 1), helmReleaseReady("flux-config", "ffc-demo-web", "4.32.30", 7),
                helmReleaseReady("ffc-demo", "ffc-demo-api", "2.0.1", 3)));

        WaitReport report = await(WEB, Target.HelmRelease.parse("ffc-demo-api", "2.0.1"));

        assertThat(report.outcome()).isEqualTo(WaitReport.Outcome.READY);
        assertThat(report.targets()).extracting(TargetState::namespace).containsExactly("flux-config", "ffc-demo");
    }

    @Test
    void a_name_in_several_other_namespaces_is_refused_as_ambiguous() {
        reporting(List.of(helmReleaseReady("a", "ffc-demo-api", "2.0.1", 1), helmReleaseReady("b", "ffc-demo-api", "2.0.1", 1)));

        WaitReport report = await(Target.HelmRelease.parse("ffc-demo-api", "2.0.1"));

        assertThat(report.outcome()).isEqualTo(WaitReport.Outcome.FAILED);
        assertThat(report.failure().orElseThrow().getMessage())
                .contains("several HelmReleases are named ffc-demo-api (in a, b): name one as NAMESPACE/NAME");
    }

    @Test
    void the_configuration_s_kustomization_is_ready_at_the_head_of_its_source_branch() {
        reporting(List.of());

        WaitReport report = await(new Target.Kustomization("services", Optional.empty()));

        assertThat(report.outcome()).isEqualTo(WaitReport.Outcome.READY);
        assertThat(report.targets()).singleElement().extracting(TargetState::seen).isEqualTo("0123456789abcdef");
    }

    @Test
    void a_kustomization_ready_at_an_older_commit_than_the_head_is_pending() {
        head = "fedcba98765432100000";
        reporting(List.of());

        WaitReport report = await(new Target.Kustomization("services", Optional.empty()));

        assertThat(report.outcome()).isEqualTo(WaitReport.Outcome.TIMED_OUT);
        assertThat(report.failure().orElseThrow().getMessage()).contains(
                "Kustomization services at fedcba98765432100000 (last seen: pending: Ready at 0123456789ab, waiting for fedcba987654)");
    }

    @Test
    void a_nested_kustomization_is_found_by_its_own_name_at_the_revision_asked_for() {
        reporting(List.of(kustomizationReady("ffc-demo-web", "aaaa1111bbbb2222")), List.of(kustomizationReady("ffc-demo-web", "cccc3333dddd4444")));

        WaitReport report = await(new Target.Kustomization("ffc-demo-web", Optional.of("cccc3333")));

        assertThat(report.outcome()).isEqualTo(WaitReport.Outcome.READY);
        assertThat(report.targets()).singleElement().extracting(TargetState::seen).isEqualTo("cccc3333dddd4444");
    }

    @Test
    void several_environments_are_waited_on_together_and_one_that_cannot_be_read_hides_none_of_the_others() {
        Environment snd3 = Workspaces.shipped().environment("snd3", List.of());
        reporting(List.of(helmReleaseReady("flux-config", "ffc-demo-web", "4.32.30", 7)));

        EstateWait estate = EstateWait.await(List.of(snd4, snd3), new EstateWait.Request(List.of(WEB), Duration.ofMinutes(20)), arm, git(),
                ticker.pacing(), env -> progress);

        assertThat(estate.environments()).extracting(EstateWait.Entry::environment, EstateWait.Entry::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("snd4", WaitReport.Outcome.READY), org.assertj.core.groups.Tuple.tuple("snd3", WaitReport.Outcome.FAILED));
        assertThat(estate.environments().get(1).problem().orElseThrow().getMessage()).startsWith("flux configuration flux-config not found on cluster");
        assertThat(estate.outcome()).isEqualTo(WaitReport.Outcome.FAILED);
    }

    @Test
    void the_version_is_read_from_helm_controller_s_messages() {
        assertThat(HelmReleaseVerdict.versionIn("Helm upgrade succeeded for release flux-config/ffc-demo-web.v7 with chart ffc-demo-web@4.32.30"))
                .contains("4.32.30");
        assertThat(HelmReleaseVerdict.versionIn("'Helm install succeeded for release a/b.v1 with chart b@1.2.3+build.5'")).contains("1.2.3+build.5");
        assertThat(HelmReleaseVerdict.versionIn("Helm upgrade failed for release a/b with chart b@1.2.4: timed out")).contains("1.2.4");
        assertThat(HelmReleaseVerdict.versionIn("Release reconciliation succeeded")).isEmpty();
        assertThat(KustomizationVerdict.revisionIn("Applied revision: main/0ba6f0d30760d567de0bac86c8c4eec13ce1a590"))
                .contains("0ba6f0d30760d567de0bac86c8c4eec13ce1a590");
        assertThat(KustomizationVerdict.revisionIn("Applied revision: main@sha1:ABC123")).contains("abc123");
    }

    @Test
    void with_details_a_failed_release_s_conditions_and_events_are_read_in_the_cluster_and_nothing_else() {
        reporting(List.of(helmReleaseUpgradeFailed("flux-config", "ffc-demo-web", "4.32.30", 6, 1, "context deadline exceeded")));
        List<String> commands = new ArrayList<>();
        io.aksflux.cluster.ClusterCommands cluster = (clusterId, command, files) -> {
            commands.add(clusterId + ": " + command);
            return new io.aksflux.cluster.ClusterCommands.CommandResult(0, command.contains("events")
                    ? "LAST SEEN   TYPE      REASON          OBJECT                     MESSAGE\n2m          Warning   UpgradeFailed   HelmRelease/ffc-demo-web   timed out\n"
                    : "Ready=False UpgradeFailed: Helm upgrade failed\nReleased=False UpgradeFailed: context deadline exceeded\n");
        };

        WaitReport report = new ReleaseWait(snd4, arm, git(), List.of(WEB), Duration.ofMinutes(20), ticker.pacing(), progress,
                Optional.of(cluster)).await();

        assertThat(report.outcome()).isEqualTo(WaitReport.Outcome.FAILED);
        String clusterId = snd4.azure().clusterId();
        assertThat(commands).containsExactly(
                clusterId + ": kubectl get helmrelease ffc-demo-web -n flux-config -o jsonpath='{range .status.conditions[*]}{.type}={.status}"
                        + " {.reason}: {.message}{\"\\n\"}{end}'",
                clusterId + ": kubectl events -n flux-config --for helmrelease/ffc-demo-web");
        assertThat(report.details()).startsWith("$ kubectl get helmrelease ffc-demo-web -n flux-config -o jsonpath='{range .status.conditions[*]}"
                + "{.type}={.status} {.reason}: {.message}{\"\\n\"}{end}'", "Ready=False UpgradeFailed: Helm upgrade failed")
                .contains("$ kubectl events -n flux-config --for helmrelease/ffc-demo-web",
                        "2m          Warning   UpgradeFailed   HelmRelease/ffc-demo-web   timed out");
    }

    @Test
    void without_details_nothing_runs_in_the_cluster() {
        reporting(List.of(helmReleaseUpgradeFailed("flux-config", "ffc-demo-web", "4.32.30", 6, 1, "context deadline exceeded")));

        WaitReport report = await(WEB);

        assertThat(report.details()).isEmpty();
        assertThat(arm.clusterCommands()).isEmpty();
    }

    @Test
    void details_are_not_read_for_a_name_that_is_no_kubernetes_name() {
        TargetState odd = new TargetState(Target.HelmRelease.parse("flux-config/web;rm", "1.0.0"), TargetState.State.FAILED, "flux-config",
                "1.0.0", "", "failed");

        assertThat(ReleaseDetails.of((id, command, files) -> {
            throw new AssertionError("ran " + command);
        }, "cluster", odd)).isEmpty();
    }
}
