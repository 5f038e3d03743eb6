package io.aksflux.cli;

import io.aksflux.emulator.RecordedRequest;
import io.aksflux.support.GitRepos;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Part of the reliability suite ({@link ReliabilityTest}): {@code aksflux apply} in a child JVM, killed (SIGKILL: no
 * shutdown hook, no clean-up) once ARM has accepted its extension PUT, then run again. The emulator runs in this JVM
 * on simulated time, which this test moves while the child runs (the child's own waits are real, one second each:
 * {@code Retry-After: 1}), and stops once the PUT is in, so the extension's operation is still running when the child
 * dies. The re-run, in process on the same simulated time, waits for that operation instead of writing again.
 */
class KilledMidApplyTest extends EstatePerTest {
    private final String eventHubKey = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    private final String connectionString = "Endpoint=sb://sndadpinfeh1404.servicebus.windows.net/;SharedAccessKeyName=FluxSendAccess;"
            + "SharedAccessKey=" + eventHubKey + ";EntityPath=flux-events";
    private final Map<String, String> variables = Map.of("FLUX_EVENTS_CONNECTION", connectionString);

    @Override
    Estate newEstate(Path dir) {
        return Estate.quick(dir);
    }

    private static String[] applySnd4() {
        return new String[] {"apply", "snd4", "--yes", "--set", "notifications.connectionString=${env:FLUX_EVENTS_CONNECTION}"};
    }

    @Test
    void apply_killed_after_its_extension_put_and_run_again_converges_writing_nothing_twice_and_leaving_no_clone_behind() throws Exception {
        Path childTemp = Files.createDirectories(dir.resolve("child-tmp"));
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        estate.emulator.faults().retryAfter(1);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + childTemp, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(estate.arguments(applySnd4()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(estate.processEnvironment(variables));

        Process child = builder.start();
        try {
            runSimulatedTimeUntil(child, err, this::extensionPutAccepted);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child is gone").isTrue();
        }

        String clusterId = Estate.environment("snd4").azure().clusterId();
        assertThat(estate.emulator.resource(clusterId + Estate.EXTENSION)).as("killed while the extension's operation runs")
                .hasValueSatisfying(e -> assertThat(e.at("/properties/provisioningState").asText()).isEqualTo("Creating"));
        assertThat(entries(childTemp)).as("the seed's clones were deleted once pushed, before the kill").isEmpty();
        assertThat(Files.readString(out) + Files.readString(err)).as("the child's output")
                .doesNotContain(estate.token(), connectionString, eventHubKey).contains("extension flux: creating");
        List<String> heads = List.of(GitRepos.head(estate.core), GitRepos.head(estate.services));

        estate.emulator.faults().clear();
        Cli.Result rerun = estate.aksflux(variables, applySnd4());

        assertThat(rerun.exitCode()).as(rerun.toString()).isEqualTo(ExitCodes.OK);
        assertThat(rerun.out()).startsWith("apply snd4: converged\n");
        assertThat(rerun.err()).contains("waiting for the operation in flight on Microsoft.KubernetesConfiguration/extensions/flux",
                "extension flux: up to date, nothing to write", "core: up to date on main, nothing to commit");
        assertThat(estate.writesTo("snd4")).filteredOn(RecordedRequest::carriedOutWrite).extracting(ReliabilityTest::write)
                .as("the kill's writes and the rest, each once").containsExactly(ReliabilityTest.SECRET, ReliabilityTest.EXTENSION_PUT,
                        ReliabilityTest.FLUX_PUT);
        assertThat(List.of(GitRepos.head(estate.core), GitRepos.head(estate.services))).as("no commit on the re-run").isEqualTo(heads);
        assertThat(GitRepos.log(estate.core, "main")).extracting(RevCommit::getShortMessage).containsExactly("aksflux: seed snd4", "start");
        assertThat(rerun.out() + rerun.err()).doesNotContain(connectionString, eventHubKey);
    }

    private boolean extensionPutAccepted() {
        return estate.writesTo("snd4").stream().anyMatch(r -> r.carriedOutWrite() && r.path().endsWith(Estate.EXTENSION));
    }

    /**
     * Moves simulated time a quarter second per check while the child runs, until {@code condition} holds: a bounded
     * wait on a condition (a minute), failing with the child's stderr when it ends first.
     */
    private void runSimulatedTimeUntil(Process child, Path err, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!condition.getAsBoolean()) {
            if (child.waitFor(20, TimeUnit.MILLISECONDS)) {
                fail("the child ended (exit " + child.exitValue() + ") before the extension PUT:\n" + Files.readString(err));
            }
            if (System.nanoTime() > deadline) {
                fail("no extension PUT within a minute:\n" + Files.readString(err));
            }
            estate.ticker.advance(Duration.ofMillis(250));
        }
    }

    /** The entries aksflux made in the child's temporary folder (its clones, the seed guard's copies). */
    private static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.startsWith("aksflux")).toList();
        }
    }
}
