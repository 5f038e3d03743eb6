package io.aksflux.azure;

import io.aksflux.arm.ArmGateway;
import io.aksflux.base.Progress;
import io.aksflux.emulator.RecordedRequest;
import io.aksflux.engine.EstateApply;
import io.aksflux.engine.EstateResult;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import io.aksflux.secret.SecretSource;
import io.aksflux.support.EmulatedAzure;
import io.aksflux.support.SeedFixture;
import io.aksflux.support.SimulatedTicker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process's one ARM budget, over HTTPS through the real SDK path to the emulator on simulated time: environments
 * applied side by side wait out one 429 together, and a subscription whose remaining reads run low is read more slowly.
 */
class ArmBudgetOverHttpsTest {
    private static final List<String> NINE = List.of("dev1", "pre1", "prd1", "snd1", "snd2", "snd3", "snd4", "tst1", "tst2");
    private static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000aa";
    private final SimulatedTicker ticker = new SimulatedTicker();
    private SeedFixture repos;
    private EmulatedAzure azure;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        azure = new EmulatedAzure(ticker, Duration.ofSeconds(30), Duration.ofSeconds(45));
        repos = new SeedFixture(dir);
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    /** The shipped environments named, all in one subscription, their clusters added to the emulator. */
    private List<Environment> inOneSubscription(List<String> names) {
        List<Environment> envs = names.stream().map(name -> repos.environment(name, "azure.subscriptionId=" + SUBSCRIPTION)).toList();
        envs.forEach(azure::add);
        return envs;
    }

    private EstateResult applySideBySide(List<Environment> envs, ArmGateway arm) {
        return new EstateApply(repos.workspace(), envs.size()).apply(envs, new Workspace.ApplyOptions(Set.of(), true, Duration.ofHours(2),
                        false, false, false), arm, SeedFixture.localRemote(), Optional.empty(), SecretSource.NONE, ticker.pacing(),
                new EstateApply.Watch() {
                    @Override
                    public Progress started(String environment) {
                        return Progress.SILENT;
                    }

                    @Override
                    public void finished(EstateResult.Entry entry) {
                    }
                });
    }

    private static boolean converged(EstateResult result) {
        return result.environments().stream().allMatch(e -> e.outcome() == EstateResult.Outcome.CONVERGED);
    }

    @Test
    void one_429_holds_back_every_environment_applied_side_by_side_until_its_retry_after() {
        // each in its own subscription, as shipped: nothing but the budget makes one wait for another
        List<Environment> three = List.of("snd1", "snd2", "snd3").stream().map(repos::environment).toList();
        three.forEach(azure::add);
        azure.emulator.faults().throttle(1, 60); // the first ARM request of the estate is throttled

        EstateResult result = applySideBySide(three, azure.arm);

        assertThat(converged(result)).isTrue();
        List<RecordedRequest> requests = azure.emulator.requests();
        assertThat(requests).filteredOn(r -> r.status() == 429).as("one 429, not one per environment").hasSize(1);
        RecordedRequest throttled = requests.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        Instant until = throttled.at().plusSeconds(60);
        List<RecordedRequest> after = requests.subList(requests.indexOf(throttled) + 1, requests.size());
        for (Environment env : three) {
            List<RecordedRequest> its = after.stream().filter(r -> r.path().toLowerCase()
                    .startsWith("/subscriptions/" + env.azure().subscriptionId().toLowerCase())).toList();
            // what was on the wire before the client heard the 429 is answered at its instant; after that, nothing of any
            // environment is answered until the hold ends (the hold itself, caller by caller: ArmBudgetTest)
            assertThat(its).filteredOn(r -> r.at().isAfter(throttled.at()) && r.at().isBefore(until))
                    .as(env.name().name() + " waited too").isEmpty();
            assertThat(its).as(env.name().name() + " went on after the hold").isNotEmpty();
        }
    }

    @Test
    void the_typed_clients_wait_out_a_429_on_the_same_budget() {
        Environment snd4 = repos.environment("snd4");
        azure.add(snd4);
        azure.emulator.faults().throttle(1, 30);
        java.time.Duration before = ticker.slept();

        assertThat(azure.arm.get(snd4.azure().clusterId(), io.aksflux.arm.ArmIds.MANAGED_CLUSTERS_API)).isPresent(); // the SDK's managed cluster client

        assertThat(ticker.slept().minus(before)).isEqualTo(Duration.ofSeconds(30));
        assertThat(azure.emulator.requests()).extracting(RecordedRequest::status).containsExactly(429, 200);
    }

    @Test
    void reads_are_spaced_out_when_the_remaining_reads_run_low() {
        Environment snd4 = inOneSubscription(List.of("snd4")).get(0);
        azure.emulator.readBudget().allow(1000, Duration.ofHours(1)); // fewer than the 1,000 left at which reads are spaced

        EstateResult result = applySideBySide(List.of(snd4),
                azure.newGateway(ArmBudget.Settings.standard().withLowReads(1000, Duration.ofSeconds(5))));

        assertThat(converged(result)).isTrue();
        List<Instant> reads = azure.emulator.requests().stream().filter(r -> r.method().equals("GET")).map(RecordedRequest::at).toList();
        assertThat(reads).hasSizeGreaterThan(10);
        for (int i = 1; i < reads.size(); i++) {
            assertThat(Duration.between(reads.get(i - 1), reads.get(i))).as("read %d after read %d", i, i - 1)
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        }
    }

    @Test
    void with_reads_to_spare_they_are_not_spaced() {
        Environment snd4 = inOneSubscription(List.of("snd4")).get(0);

        applySideBySide(List.of(snd4), azure.arm);

        List<Instant> reads = azure.emulator.requests().stream().filter(r -> r.method().equals("GET")).map(RecordedRequest::at).toList();
        assertThat(reads.get(1)).as("the preflight reads one resource after the other at once").isEqualTo(reads.get(0));
    }

    /** Nine first applies side by side in one subscription allowed 90 reads an hour: more than it has at once. */
    private EstateResult nineWithin90ReadsAnHour(ArmBudget.Settings budget) {
        List<Environment> nine = inOneSubscription(NINE);
        azure.emulator.readBudget().allow(90, Duration.ofHours(1));
        return applySideBySide(nine, azure.newGateway(budget));
    }

    @Test
    void an_estate_of_nine_in_one_subscription_paced_by_its_remaining_reads_is_never_throttled() {
        EstateResult result = nineWithin90ReadsAnHour(ArmBudget.Settings.standard().withLowReads(60, Duration.ofSeconds(2)));

        assertThat(converged(result)).isTrue();
        long reads = azure.emulator.requests().stream().filter(r -> r.method().equals("GET")).count();
        assertThat(reads).as("more reads than the subscription had at the start").isGreaterThan(90);
        assertThat(azure.emulator.readBudget().throttled()).isZero();
    }

    @Test
    void unpaced_the_same_estate_spends_the_subscriptions_reads_and_is_throttled_yet_converges() {
        EstateResult result = nineWithin90ReadsAnHour(ArmBudget.Settings.standard().withLowReads(0, Duration.ofSeconds(1)));

        assertThat(converged(result)).as("the 429s are waited out").isTrue();
        assertThat(azure.emulator.readBudget().throttled()).isPositive();
    }
}
