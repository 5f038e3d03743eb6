package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aksflux.emulator.RecordedRequest;
import io.aksflux.support.GitRepos;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.aksflux.emulator.Faults.RESET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reliability suite: full applies and rebuilds of the nine shipped environments through the real command line,
 * over HTTPS and the real Azure SDK, on simulated time, while the emulator misbehaves as ARM and networks do.
 * Each test is one specification: the fault, the state and exit code it ends in, that nothing was written twice,
 * that no secret reached any output, and that a re-run converges without a write.
 * <p>
 * "Writes nothing twice": per environment ARM carries out exactly one write of each resource that changed (the
 * notification Secret's {@code kubectl apply}, the extension PUT, the flux configuration PUT), counting the PUTs
 * whose answer the network lost; a request refused (409, 429, 5xx) or reset before it was served is no write. Each
 * repository gets exactly one seed commit: an environment's own, or an estate's one commit naming them all. The one documented exception is the HTTP pipeline sending
 * a PUT again, unchanged, after its connection dropped: ARM meets it with 409 while the first PUT's operation runs
 * (then apply reads the resource, finds it as desired and does not write it again), or carries it out once more when
 * that operation has ended; it is counted as the same write ({@link #resent}).
 * The child process killed mid-apply and run again: {@link KilledMidApplyTest}.
 */
class ReliabilityTest extends EstatePerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "POST runCommand";
    static final String EXTENSION_PUT = "PUT extensions/flux";
    static final String FLUX_PUT = "PUT fluxConfigurations/flux-config";
    private static final List<String> SIDE_BY_SIDE = List.of("dev1", "snd1", "tst1");

    private final String eventHubKey = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    private final String connectionString = "Endpoint=sb://sndadpinfeh1404.servicebus.windows.net/;SharedAccessKeyName=FluxSendAccess;"
            + "SharedAccessKey=" + eventHubKey + ";EntityPath=flux-events";
    private final String gitKey = "flux-https-key-" + UUID.randomUUID();
    private final String proxyPassword = "extension-proxy-password-" + UUID.randomUUID();
    private final List<Cli.Result> runs = new ArrayList<>();

    @Override
    Estate newEstate(Path dir) {
        return Estate.quick(dir);
    }

    /** {@code aksflux ARGS} with protected settings and the notification connection string read from the environment. */
    private Cli.Result aksflux(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--set", "flux.protectedSettings.httpsKey=${env:CORE_GIT_TOKEN}",
                "--set", "extension.protectedSettings.proxy.password=${env:EXT_PROXY_PASSWORD}",
                "--set", "notifications.connectionString=${env:FLUX_EVENTS_CONNECTION}"));
        Cli.Result result = estate.aksflux(new HashMap<>(Map.of("CORE_GIT_TOKEN", gitKey, "EXT_PROXY_PASSWORD", proxyPassword,
                "FLUX_EVENTS_CONNECTION", connectionString)), all.toArray(String[]::new));
        runs.add(result);
        return result;
    }

    private Cli.Result applySnd4(String... extra) {
        List<String> args = new ArrayList<>(List.of("apply", "snd4", "--yes"));
        args.addAll(List.of(extra));
        return aksflux(args.toArray(String[]::new));
    }

    /** {@code apply --all}, four at a time, JSON on stdout. */
    private Cli.Result rebuild() {
        return aksflux("apply", "--all", "--yes", "--parallel", "4", "-o", "json");
    }

    /** Three of the environments side by side, JSON on stdout. */
    private Cli.Result applySideBySide() {
        List<String> args = new ArrayList<>(List.of("apply"));
        args.addAll(SIDE_BY_SIDE);
        args.addAll(List.of("--yes", "--parallel", "3", "-o", "json"));
        return aksflux(args.toArray(String[]::new));
    }

    // ---- one environment

    @Test
    void bursts_of_409_429_500_503_and_resets_during_apply_end_converged_exit_0_each_resource_written_once_rerun_writes_nothing() {
        estate.emulator.faults()
                .burst("GET", 429, 500, RESET, 503)
                .burst("POST", 500, 429)
                .burst("PUT", 409, 429, 500, 409, RESET, 503, 409, 429);

        Cli.Result result = applySnd4("-o", "json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(outcome(result)).isEqualTo("CONVERGED");
        assertThat(statusesMet()).contains(409, 429, 500, 503).as("a reset connection").contains(0);
        assertWrittenOnce("snd4");
        assertRerunConvergesWithNoWrite();
        assertNoSecretInAnyOutput();
    }

    @Test
    void connections_dropped_mid_poll_during_apply_are_polled_again_and_it_ends_converged_exit_0_each_resource_written_once() {
        estate.emulator.faults().dropPolls(4);

        Cli.Result result = applySnd4();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).startsWith("apply snd4: converged\n");
        assertThat(estate.emulator.requests()).filteredOn(RecordedRequest::dropped).hasSize(4)
                .allSatisfy(r -> assertThat(r.path()).containsAnyOf("/operations/", "/commandResults/"));
        assertWrittenOnce("snd4");
        assertRerunConvergesWithNoWrite();
        assertNoSecretInAnyOutput();
    }

    @Test
    void puts_carried_out_whose_answer_the_network_lost_during_apply_are_not_written_again_and_it_ends_converged_exit_0() {
        estate.emulator.faults().dropAnswersToPuts(2); // the extension's PUT and the flux configuration's

        Cli.Result result = applySnd4();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(estate.emulator.requests()).filteredOn(RecordedRequest::dropped).extracting(ReliabilityTest::write)
                .containsExactly(EXTENSION_PUT, FLUX_PUT);
        assertThat(result.err()).contains("extension flux: already as desired after the conflict",
                "flux configuration flux-config: already as desired after the conflict");
        assertWrittenOnce("snd4");
        assertRerunConvergesWithNoWrite();
        assertNoSecretInAnyOutput();
    }

    @Test
    void an_extension_operation_ending_failed_during_apply_ends_exit_1_naming_it_writes_nothing_after_it_and_a_rerun_converges()
            throws Exception {
        estate.emulator.faults().failExtension("helm install failed: timed out waiting for the condition");

        Cli.Result failed = applySnd4("-o", "json");

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCodes.ERROR);
        JsonNode error = JSON.readTree(failed.out()).path("error");
        assertThat(error.path("kind").asText()).isEqualTo("provisioning");
        assertThat(error.path("message").asText()).contains("extension flux Failed", "helm install failed: timed out waiting for the condition");
        assertThat(error.path("exitCode").asInt()).isEqualTo(ExitCodes.ERROR);
        assertThat(carriedOutWrites("snd4")).as("nothing written after the failed extension").containsExactly(SECRET, EXTENSION_PUT);

        Cli.Result rerun = applySnd4();

        assertThat(rerun.exitCode()).as(rerun.toString()).isEqualTo(ExitCodes.OK);
        assertThat(rerun.out()).startsWith("apply snd4: converged\n");
        assertThat(carriedOutWrites("snd4")).as("the failed extension written again, once; then the flux configuration")
                .containsExactly(SECRET, EXTENSION_PUT, EXTENSION_PUT, FLUX_PUT);
        assertRerunConvergesWithNoWrite();
        assertNoSecretInAnyOutput();
    }

    @Test
    void a_flux_configuration_operation_ending_failed_during_apply_ends_exit_1_naming_it_and_a_rerun_converges() {
        estate.emulator.faults().failFluxConfiguration("source-controller: unable to clone 'https://dev.azure.com/o/p/_git/core'");

        Cli.Result failed = applySnd4();

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(failed.err()).contains("error: flux configuration flux-config Failed: source-controller: unable to clone");
        assertThat(carriedOutWrites("snd4")).containsExactly(SECRET, EXTENSION_PUT, FLUX_PUT);

        Cli.Result rerun = applySnd4();

        assertThat(rerun.exitCode()).as(rerun.toString()).isEqualTo(ExitCodes.OK);
        assertThat(carriedOutWrites("snd4")).as("only the failed flux configuration written again")
                .containsExactly(SECRET, EXTENSION_PUT, FLUX_PUT, FLUX_PUT);
        assertRerunConvergesWithNoWrite();
        assertNoSecretInAnyOutput();
    }

    @Test
    void a_burst_of_500s_longer_than_the_retry_budget_ends_exit_1_naming_the_request_writes_nothing_and_a_rerun_converges()
            throws Exception {
        int[] outage = new int[30];
        java.util.Arrays.fill(outage, 500);
        estate.emulator.faults().burst("GET", outage);

        Cli.Result failed = applySnd4("-o", "json");

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCodes.ERROR);
        JsonNode error = JSON.readTree(failed.out()).path("error");
        assertThat(error.path("kind").asText()).isEqualTo("azure");
        assertThat(error.path("message").asText()).contains("500", "InternalServerError");
        assertThat(estate.writes()).as("nothing written").isEmpty();
        assertThat(GitRepos.log(estate.core, "main")).as("nothing pushed").hasSize(1);

        estate.emulator.faults().clear();
        Cli.Result rerun = applySnd4();

        assertThat(rerun.exitCode()).as(rerun.toString()).isEqualTo(ExitCodes.OK);
        assertWrittenOnce("snd4");
        assertNoSecretInAnyOutput();
    }

    @Test
    void connections_reset_longer_than_the_retry_budget_during_the_extension_put_end_exit_1_naming_it_and_a_rerun_converges()
            throws Exception {
        int[] outage = new int[30];
        java.util.Arrays.fill(outage, RESET);
        estate.emulator.faults().burst("PUT", outage);

        Cli.Result failed = applySnd4("-o", "json");

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCodes.ERROR);
        JsonNode error = JSON.readTree(failed.out()).path("error");
        assertThat(error.path("kind").asText()).isEqualTo("azure");
        assertThat(error.path("message").asText()).startsWith("cannot reach Azure Resource Manager: PUT " + estate.emulator.endpoint())
                .contains(Estate.EXTENSION);
        assertThat(carriedOutWrites("snd4")).as("the PUTs were never served").containsExactly(SECRET);

        estate.emulator.faults().clear();
        Cli.Result rerun = applySnd4();

        assertThat(rerun.exitCode()).as(rerun.toString()).isEqualTo(ExitCodes.OK);
        assertWrittenOnce("snd4");
        assertNoSecretInAnyOutput();
    }

    // ---- estates: the nine, four at a time; three side by side

    @Test
    void bursts_resets_dropped_polls_and_lost_answers_during_a_rebuild_of_nine_end_converged_exit_0_each_written_once() throws Exception {
        estate.emulator.faults()
                .burst("GET", 429, 500, RESET, 503)
                .burst("POST", 500, 429, RESET)
                .burst("PUT", 409, 429, 500, 409, RESET, 503, 409, 429, 409, 500)
                .dropPolls(6)
                .dropAnswersToPuts(3);

        Cli.Result result = rebuild();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        JsonNode json = JSON.readTree(result.out());
        assertThat(json.path("outcome").asText()).isEqualTo("CONVERGED");
        assertThat(json.path("environments")).hasSize(9)
                .allSatisfy(env -> assertThat(env.path("outcome").asText()).as(env.toString()).isEqualTo("CONVERGED"));
        assertThat(statusesMet()).contains(0, 409, 429, 500, 503);
        assertThat(estate.emulator.requests()).filteredOn(RecordedRequest::dropped).hasSizeGreaterThanOrEqualTo(6 + 3);
        ApplySeveralEnvironmentsTest.NINE.forEach(this::assertWrittenOnce);
        assertOneSeedCommitPerRepository(ApplySeveralEnvironmentsTest.NINE);

        Cli.Result again = rebuild();
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.OK);
        ApplySeveralEnvironmentsTest.NINE.forEach(this::assertWrittenOnce);
        assertOneSeedCommitPerRepository(ApplySeveralEnvironmentsTest.NINE);
        assertNoSecretInAnyOutput();
    }

    @Test
    void an_extension_ending_failed_during_an_apply_of_three_side_by_side_fails_only_its_environment_exit_1_and_a_rerun_converges_it()
            throws Exception {
        estate.emulator.faults().failExtension("helm install failed: timed out waiting for the condition")
                .burst("PUT", 409, 500, 429);

        Cli.Result failed = applySideBySide();

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCodes.ERROR);
        JsonNode environments = JSON.readTree(failed.out()).path("environments");
        List<String> failedOnes = new ArrayList<>();
        environments.forEach(env -> {
            if (env.path("outcome").asText().equals("FAILED")) {
                failedOnes.add(env.path("environment").asText());
                assertThat(env.at("/error/message").asText()).contains("extension flux Failed", "helm install failed");
                assertThat(env.at("/error/exitCode").asInt()).isEqualTo(ExitCodes.ERROR);
            } else {
                assertThat(env.path("outcome").asText()).as(env.toString()).isEqualTo("CONVERGED");
            }
        });
        assertThat(failedOnes).hasSize(1);
        String broken = failedOnes.get(0);
        assertThat(carriedOutWrites(broken)).containsExactly(SECRET, EXTENSION_PUT);

        Cli.Result rerun = applySideBySide();

        assertThat(rerun.exitCode()).as(rerun.toString()).isEqualTo(ExitCodes.OK);
        assertThat(carriedOutWrites(broken)).as("the failed extension written again, once; then its flux configuration")
                .containsExactly(SECRET, EXTENSION_PUT, EXTENSION_PUT, FLUX_PUT);
        SIDE_BY_SIDE.stream().filter(env -> !env.equals(broken)).forEach(this::assertWrittenOnce);
        assertOneSeedCommitPerRepository(SIDE_BY_SIDE);
        assertNoSecretInAnyOutput();
    }

    // ---- what every test asserts

    /** Exactly one carried-out write per resource of the environment, in apply order. */
    private void assertWrittenOnce(String environment) {
        assertThat(carriedOutWrites(environment)).as("%s: each resource written once\n%s", environment,
                String.join("\n", estate.writesTo(environment).stream().map(RecordedRequest::summary).toList()))
                .containsExactly(SECRET, EXTENSION_PUT, FLUX_PUT);
    }

    /** Apply snd4 again, fault-free: converged, exit 0, nothing written to ARM or Git. */
    private void assertRerunConvergesWithNoWrite() {
        List<String> writes = estate.writes();
        String heads = estate.heads();

        Cli.Result rerun = applySnd4();

        assertThat(rerun.exitCode()).as(rerun.toString()).isEqualTo(ExitCodes.OK);
        assertThat(rerun.out()).startsWith("apply snd4: converged\n");
        assertThat(rerun.err()).contains("extension flux: up to date, nothing to write",
                "flux configuration flux-config: up to date, nothing to write");
        assertThat(estate.writes()).as("no write to ARM").isEqualTo(writes);
        assertThat(estate.heads()).as("no commit").isEqualTo(heads);
        assertThat(GitRepos.log(estate.core, "main")).extracting(RevCommit::getShortMessage).containsExactly("aksflux: seed snd4", "start");
    }

    /** An estate of several seeds once: one commit per repository on top of the start, naming every environment. */
    private void assertOneSeedCommitPerRepository(List<String> environments) {
        String seeded = "aksflux: seed " + environments.stream().sorted().collect(java.util.stream.Collectors.joining(", "));
        for (Path repo : List.of(estate.core, estate.services)) {
            List<String> log = GitRepos.log(repo, "main").stream().map(RevCommit::getShortMessage).toList();
            assertThat(log).as("one seed commit in %s", repo).containsExactly(seeded, "start");
        }
    }

    /** The ARM token, the connection string and its key, the protected settings: raw or base64, in no run's stdout or stderr. */
    private void assertNoSecretInAnyOutput() {
        List<String> secrets = new ArrayList<>();
        for (String secret : List.of(estate.token(), connectionString, eventHubKey, gitKey, proxyPassword)) {
            secrets.add(secret);
            secrets.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(runs).isNotEmpty().allSatisfy(run -> assertThat(run.out() + run.err()).as("%s", run).doesNotContain(secrets));
        assertThat(estate.emulator.requests()).as("the secrets did reach ARM, where they belong")
                .anySatisfy(r -> assertThat(String.valueOf(r.body())).contains(Base64.getEncoder().encodeToString(gitKey.getBytes(StandardCharsets.UTF_8))));
    }

    /** The writes ARM carried out on the environment's cluster, as {@code "PUT extensions/flux"}, in order. */
    private List<String> carriedOutWrites(String environment) {
        List<String> writes = new ArrayList<>();
        RecordedRequest previous = null;
        for (RecordedRequest write : estate.writesTo(environment).stream().filter(RecordedRequest::carriedOutWrite).toList()) {
            if (!resent(previous, write)) {
                writes.add(write(write));
            }
            previous = write;
        }
        return writes;
    }

    /**
     * The documented exception: the HTTP pipeline sends a PUT again, unchanged, when the connection of the one before
     * dropped before its answer; ARM carries it out again when that PUT's operation has ended meanwhile (simulated
     * time runs on while other environments wait). Either way it is the same write, and apply adds none of its own.
     */
    private static boolean resent(RecordedRequest previous, RecordedRequest write) {
        return previous != null && previous.dropped() && previous.method().equals("PUT") && write.method().equals("PUT")
                && previous.path().equals(write.path()) && java.util.Objects.equals(previous.body(), write.body());
    }

    static String write(RecordedRequest request) {
        String path = request.path();
        if (path.endsWith("/runCommand")) {
            return SECRET;
        }
        String[] segments = path.split("/");
        return request.method() + " " + segments[segments.length - 2] + "/" + segments[segments.length - 1];
    }

    private String outcome(Cli.Result result) {
        try {
            return JSON.readTree(result.out()).path("outcome").asText();
        } catch (Exception e) {
            throw new AssertionError(result.toString(), e);
        }
    }

    /** Every status the emulator answered (0: a connection reset before anything was served). */
    private List<Integer> statusesMet() {
        return estate.emulator.requests().stream().map(RecordedRequest::status).distinct().toList();
    }
}
