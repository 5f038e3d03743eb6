package io.aksflux.apply;

import io.aksflux.arm.ArmGateway;
import io.aksflux.emulator.RecordedRequest;
import io.aksflux.engine.EstateApply;
import io.aksflux.engine.EstateResult;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import io.aksflux.base.Progress;
import io.aksflux.secret.SecretSource;
import io.aksflux.support.EmulatedAzure;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.SeedFixture;
import io.aksflux.support.SimulatedTicker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static io.aksflux.support.EmulatedAzure.EXTENSION;
import static io.aksflux.support.EmulatedAzure.FLUX;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a re-apply of an unchanged environment asks ARM, over HTTPS through the real SDK path to the emulator: each
 * resource read once (the preflight's read serves the plan, the repoint guard and converge), no resource provider
 * (the cluster and the extension that exist prove theirs registered), nothing written. The notification secret is
 * compared in the cluster: listKeys for the desired address and a run command running {@code kubectl get}, which only
 * reads, whose results are asked for as its Retry-After says: at most 7 requests in all.
 */
class NoOpReapplyRequestsTest {
    private static final List<String> NINE = List.of("dev1", "pre1", "prd1", "snd1", "snd2", "snd3", "snd4", "tst1", "tst2");
    private final SimulatedTicker ticker = new SimulatedTicker();
    private final RecordingProgress progress = new RecordingProgress();
    private SeedFixture repos;
    private EmulatedAzure azure;
    private Environment snd4;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        azure = new EmulatedAzure(ticker, Duration.ofSeconds(30), Duration.ofSeconds(45));
        repos = new SeedFixture(dir);
        snd4 = repos.environment("snd4");
        azure.add(snd4);
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    private ApplyResult apply(ArmGateway arm, Set<Stage> skip) {
        return repos.workspace().apply(snd4, new Workspace.ApplyOptions(skip, true, Duration.ofMinutes(20), false), arm,
                SeedFixture.localRemote(), ticker.pacing(), progress);
    }

    /** The requests recorded from {@code from} on. */
    private List<RecordedRequest> since(int from) {
        List<RecordedRequest> all = azure.emulator.requests();
        return all.subList(from, all.size());
    }

    /** The notification secret's comparison: the address's keys, the read-only run command and its results. */
    private static boolean comparesNotificationSecret(RecordedRequest r) {
        return r.path().endsWith("/listKeys") || r.path().endsWith("/runCommand") || r.path().contains("/commandResults/");
    }

    /** The requests as one line each, for an assertion's message: what was sent is what a failure shows. */
    private static String listed(List<RecordedRequest> requests) {
        return requests.stream().map(r -> r.method() + " " + r.path().replaceAll(".*/managedClusters/", "…/") + " " + r.status())
                .collect(Collectors.joining("\n  ", "requests sent (" + requests.size() + "):\n  ", ""));
    }

    @Test
    void a_no_op_re_apply_in_a_new_process_with_the_notification_secret_makes_at_most_seven_requests_and_writes_nothing() {
        apply(azure.arm, Set.of());
        int before = azure.emulator.requests().size();

        ApplyResult again = apply(azure.newGateway(), Set.of()); // a new process: nothing known of the providers

        List<RecordedRequest> second = since(before);
        assertThat(again.outcome()).isEqualTo(ApplyResult.Outcome.CONVERGED);
        assertThat(second).as(listed(second)).hasSizeLessThanOrEqualTo(7).noneMatch(RecordedRequest::isWrite);
        String cluster = snd4.azure().clusterId();
        // the cluster's read proves Microsoft.ContainerService registered, the extension's Microsoft.KubernetesConfiguration
        assertThat(second.stream().filter(r -> !comparesNotificationSecret(r)).map(r -> r.method() + " " + r.path()))
                .as(listed(second))
                .containsExactly("GET " + cluster, "GET " + cluster + EXTENSION, "GET " + cluster + FLUX);
        // what comparing the notification secret must send: its desired value, one read-only command and its result's polls
        assertThat(second).filteredOn(r -> r.path().endsWith("/listKeys")).hasSize(1);
        assertThat(second).filteredOn(r -> r.path().endsWith("/runCommand")).singleElement()
                .satisfies(r -> assertThat(r.command()).startsWith("kubectl get secret"));
        // the command's results are first asked for after the Retry-After its 202 gave, not at once
        assertThat(second).as(listed(second)).filteredOn(r -> r.path().contains("/commandResults/")).hasSize(2)
                .allMatch(r -> r.method().equals("GET"));
    }

    @Test
    void without_a_notification_secret_to_compare_a_no_op_re_apply_makes_three_requests() {
        apply(azure.arm, Set.of());
        int before = azure.emulator.requests().size();

        apply(azure.newGateway(), Set.of(Stage.NOTIFICATIONS));

        assertThat(since(before)).as(listed(since(before))).hasSize(3).noneMatch(RecordedRequest::isWrite)
                .allMatch(r -> r.method().equals("GET"));
    }

    @Test
    void a_re_apply_over_an_existing_extension_reads_no_resource_provider() {
        apply(azure.arm, Set.of(Stage.NOTIFICATIONS));
        snd4 = repos.environment("snd4", "flux.interval=600s"); // a change: the flux configuration is written
        int before = azure.emulator.requests().size();

        apply(azure.newGateway(), Set.of(Stage.NOTIFICATIONS));

        assertThat(since(before)).as(listed(since(before))).noneMatch(r -> r.path().matches("/subscriptions/[^/]+/providers/[^/]+(/register)?"));
    }

    @Test
    void the_same_process_does_not_read_the_providers_again() {
        apply(azure.arm, Set.of());
        int before = azure.emulator.requests().size();

        apply(azure.arm, Set.of(Stage.NOTIFICATIONS));

        assertThat(since(before)).extracting(r -> r.path().replaceAll(".*/", "")).containsExactly(
                snd4.azure().cluster(), "flux", "flux-config");
    }

    @Test
    void a_changed_resource_is_still_found_and_written_and_converge_reads_it_again() {
        apply(azure.arm, Set.of());
        snd4 = repos.environment("snd4", "flux.interval=600s");
        int before = azure.emulator.requests().size();

        ApplyResult changed = apply(azure.newGateway(), Set.of(Stage.NOTIFICATIONS));

        assertThat(changed.outcome()).isEqualTo(ApplyResult.Outcome.CONVERGED);
        List<RecordedRequest> second = since(before);
        assertThat(second).filteredOn(RecordedRequest::isWrite).extracting(RecordedRequest::summary).containsExactly("PUT " + FLUX + " 200");
        int put = second.indexOf(second.stream().filter(RecordedRequest::isWrite).findFirst().orElseThrow());
        assertThat(second.subList(put, second.size())).filteredOn(r -> r.method().equals("GET") && r.path().endsWith(FLUX))
                .as("after its write, the configuration is read again, not remembered").isNotEmpty();
    }

    @Test
    void an_estate_no_op_re_apply_of_nine_makes_at_most_seven_requests_per_environment_and_reads_no_provider() {
        // three subscriptions of three environments each, applied side by side through one gateway (one process)
        List<Environment> nine = NINE.stream().map(name -> repos.environment(name,
                "azure.subscriptionId=00000000-0000-0000-0000-00000000000" + (NINE.indexOf(name) % 3 + 1))).toList();
        nine.forEach(azure::add);
        EstateApply estate = new EstateApply(repos.workspace(), 9);
        assertThat(estate(estate, nine, azure.arm).environments()).allMatch(e -> e.outcome() == EstateResult.Outcome.CONVERGED);
        // the first install: no extension proves Microsoft.KubernetesConfiguration yet, so each subscription's is read once;
        // each cluster's read proves Microsoft.ContainerService
        assertThat(providerReads(since(0))).containsOnlyKeys(
                "/subscriptions/00000000-0000-0000-0000-000000000001/providers/microsoft.kubernetesconfiguration",
                "/subscriptions/00000000-0000-0000-0000-000000000002/providers/microsoft.kubernetesconfiguration",
                "/subscriptions/00000000-0000-0000-0000-000000000003/providers/microsoft.kubernetesconfiguration")
                .allSatisfy((provider, reads) -> assertThat(reads).as(provider).isEqualTo(1));
        int before = azure.emulator.requests().size();

        EstateResult again = estate(estate, nine, azure.newGateway());

        assertThat(again.environments()).allMatch(e -> e.outcome() == EstateResult.Outcome.CONVERGED);
        List<RecordedRequest> second = since(before);
        assertThat(second).as(listed(second)).noneMatch(RecordedRequest::isWrite);
        assertThat(providerReads(second)).as(listed(second)).isEmpty();
        assertThat(second).filteredOn(r -> r.path().endsWith("/listKeys")).hasSize(9); // one each, at its own Event Hub rule
        for (Environment env : nine) {
            Predicate<RecordedRequest> its = r -> r.path().toLowerCase(Locale.ROOT).startsWith(env.azure().clusterId().toLowerCase(Locale.ROOT));
            List<RecordedRequest> own = second.stream().filter(its).toList();
            assertThat(own.size() + 1).as(env.name().name() + ", with its listKeys; " + listed(own)).isLessThanOrEqualTo(7);
            assertThat(own.stream().filter(r -> !comparesNotificationSecret(r)).count()).as(listed(own))
                    .isEqualTo(3); // the cluster, the extension, the flux configuration
        }
    }

    /** Reads of a subscription's resource provider, by lower-case path. */
    private static Map<String, Long> providerReads(List<RecordedRequest> requests) {
        return requests.stream().filter(r -> r.method().equals("GET") && r.path().matches("/subscriptions/[^/]+/providers/[^/]+"))
                .collect(Collectors.groupingBy(r -> r.path().toLowerCase(Locale.ROOT), Collectors.counting()));
    }

    private EstateResult estate(EstateApply estate, List<Environment> envs, ArmGateway arm) {
        return estate.apply(envs, new Workspace.ApplyOptions(Set.of(), true, Duration.ofMinutes(30), false, false, false), arm,
                SeedFixture.localRemote(), Optional.empty(), SecretSource.NONE, ticker.pacing(), new EstateApply.Watch() {
                    @Override
                    public Progress started(String environment) {
                        return Progress.SILENT;
                    }

                    @Override
                    public void finished(EstateResult.Entry entry) {
                    }
                });
    }
}
