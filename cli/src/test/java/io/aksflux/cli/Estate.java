package io.aksflux.cli;

import io.aksflux.emulator.ArmEmulator;
import io.aksflux.emulator.RecordedRequest;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import io.aksflux.support.EmulatedAzure;
import io.aksflux.support.GitRepos;
import io.aksflux.support.SimulatedTicker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole estate on one machine: the ARM emulator with a healthy cluster for every shipped environment, a core
 * and a services bare repository that every environment points at, and the real command line whose waits run
 * on the emulator's simulated clock, so nothing sleeps. Every run is checked for the ARM token: no output may
 * ever hold it.
 */
final class Estate implements AutoCloseable {
    static final String EXTENSION = EmulatedAzure.EXTENSION;
    static final String FLUX = EmulatedAzure.FLUX;

    /** The write of the notification secret into a cluster, as {@link #writes()} lists it. */
    static String notificationSecret(String environment) {
        return "POST /providers/Microsoft.ContainerService/managedClusters/" + environment(environment).azure().cluster()
                + "/runCommand kubectl apply --server-side --field-manager=aksflux --force-conflicts -f notification-secret.yaml 202";
    }
    private static final Workspace SHIPPED = Workspace.of(Path.of(Cli.ENVIRONMENTS), null, Map.of());

    final SimulatedTicker ticker = new SimulatedTicker();
    private final EmulatedAzure azure;
    final ArmEmulator emulator;
    final Path core;
    final Path services;
    private final Path agentTemp;
    private final String token = "estate-token-" + UUID.randomUUID();

    /** Operations take {@code lro}; each kustomization turns Compliant {@code reconcileStep} after its dependencies. */
    Estate(Path dir, Duration lro, Duration reconcileStep) {
        core = GitRepos.named(dir, "core");
        services = GitRepos.named(dir, "services");
        agentTemp = dir.resolve("agent-temp");
        azure = new EmulatedAzure(ticker, lro, reconcileStep);
        emulator = azure.emulator;
        for (String name : SHIPPED.environmentNames()) {
            EmulatedEstate.add(emulator, environment(name)); // its cluster and Event Hub, as `aksflux emulator` adds them
        }
    }

    /** 5 s operations and 10 s reconcile steps: the pace that keeps nine applies to seconds of real time. */
    static Estate quick(Path dir) {
        return new Estate(dir, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    /** 30 s operations, 45 s per reconcile step. */
    Estate(Path dir) {
        this(dir, Duration.ofSeconds(30), Duration.ofSeconds(45));
    }

    /** The ARM token every run sends, which no output may hold. */
    String token() {
        return token;
    }

    static List<String> shippedEnvironments() {
        return SHIPPED.environmentNames();
    }

    static Environment environment(String name) {
        return SHIPPED.environment(name, List.of());
    }

    /** {@code aksflux ARGS} against this estate: its ARM endpoint, CA and token, the shipped environments on its repositories. */
    Cli.Result aksflux(String... args) {
        return aksflux(Map.of(), args);
    }

    /** The same with more process environment variables, e.g. the ones protected settings refer to. */
    Cli.Result aksflux(Map<String, String> variables, String... args) {
        return aksflux(variables, context -> context, args);
    }

    /** The same in a context of the test's own making: a terminal that answers, interruptions fired on cue. */
    Cli.Result aksflux(java.util.function.UnaryOperator<CliContext> adapt, String... args) {
        return aksflux(Map.of(), adapt, args);
    }

    Cli.Result aksflux(Map<String, String> variables, java.util.function.UnaryOperator<CliContext> adapt, String... args) {
        CliContext context = adapt.apply(new CliContext(processEnvironment(variables), ticker.pacing(), Duration.ofMillis(1)));
        Cli.Result result = Cli.run(context, arguments(args).toArray(String[]::new));
        assertThat(result.out() + result.err()).as("no output holds the ARM token\n%s", result).doesNotContain(token);
        return result;
    }

    /** {@code args} and what points them at this estate: the shipped environments on its repositories. */
    List<String> arguments(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--environments", Cli.ENVIRONMENTS,
                "--set", "repos.core.url=" + GitRepos.url(core), "--set", "repos.services.url=" + GitRepos.url(services),
                // no App Configuration provider in the emulated clusters: a notification Secret of aksflux's own
                "--set", "notifications.delivery=secret", "--set", "notifications.secretName=aksflux-notification"));
        return all;
    }

    /** {@code variables} and this estate's ARM endpoint, CA and token: the process environment of a run against it. */
    Map<String, String> processEnvironment(Map<String, String> variables) {
        Map<String, String> environment = new java.util.HashMap<>(variables);
        if (environment.containsKey("TF_BUILD")) { // the run's Azure DevOps summary lands in the test's folder, not in /tmp
            environment.putIfAbsent("AGENT_TEMPDIRECTORY", mkdirs(agentTemp).toString());
        }
        environment.putAll(Map.of("AKSFLUX_ARM_ENDPOINT", emulator.endpoint(), "AKSFLUX_CA_FILE", emulator.caFile().toString(),
                "AKSFLUX_ARM_TOKEN", token));
        return environment;
    }

    /** Writes ARM answered, in order ({@link EmulatedAzure#writes}). */
    List<String> writes() {
        return azure.writes();
    }

    /** Writes to one environment's cluster. */
    List<RecordedRequest> writesTo(String environment) {
        String cluster = environment(environment).azure().clusterId().toLowerCase();
        return emulator.requests().stream().filter(r -> r.isWrite() && r.path().toLowerCase().startsWith(cluster)).toList();
    }

    String heads() {
        return GitRepos.head(core) + " " + GitRepos.head(services);
    }

    @Override
    public void close() {
        azure.close();
    }

    private static Path mkdirs(Path folder) {
        try {
            return java.nio.file.Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
