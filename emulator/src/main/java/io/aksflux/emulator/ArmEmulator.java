package io.aksflux.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import io.aksflux.emulator.flux.GitSource;
import io.aksflux.emulator.flux.SimulatedFlux;
import io.aksflux.emulator.http.EmulatorCertificate;
import io.aksflux.emulator.resources.AsyncOperations;
import io.aksflux.emulator.resources.EmulatorClock;
import io.aksflux.emulator.resources.EventHubs;
import io.aksflux.emulator.resources.Extensions;
import io.aksflux.emulator.resources.FluxConfigurations;
import io.aksflux.emulator.resources.ManagedClusters;
import io.aksflux.emulator.resources.ProviderRegistrations;
import io.aksflux.emulator.resources.SimulatedKubectl;
import io.aksflux.emulator.spec.ArmSpecs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A local, stateful Azure Resource Manager for everything aksflux touches, over HTTPS with a certificate of
 * its own: resource providers, managed clusters, {@code microsoft.flux} extensions and flux configurations
 * (with simulated Flux reconciling real Git repositories), Event Hub keys. Requests are checked against the
 * published specs the way ARM checks them, so a bad request cannot hide. Close it to stop the server and
 * delete its certificate and Git mirrors.
 */
public final class ArmEmulator implements AutoCloseable {
    private final WireMockServer server;
    private final Path workDir;
    private final EmulatorCertificate certificate;
    private final Faults faults;
    private final ReadBudget readBudget;
    private final ArmService service;
    private final ProviderRegistrations providers;
    private final ManagedClusters clusters;
    private final SimulatedKubectl kubectl;
    private final Extensions extensions;
    private final FluxConfigurations fluxConfigurations;
    private final EventHubs eventHubs;
    private final GitSource git;

    private ArmEmulator(EmulatorOptions options, Path workDir) throws IOException {
        this.workDir = workDir;
        // Jetty inside WireMock logs through a bundled SLF4J with no provider; its start-up warning is not our output
        System.getProperties().putIfAbsent("slf4j.internal.verbosity", "ERROR");
        this.certificate = EmulatorCertificate.create(workDir);
        EmulatorClock clock = new EmulatorClock(options.clock(), options.lroDuration(), options.reconcileStep(), options.extensionLro());
        this.faults = new Faults();
        AsyncOperations operations = new AsyncOperations(clock, faults::takeStall);
        this.git = new GitSource(Files.createDirectories(workDir.resolve("git-mirrors")));
        ArmSpecs specs = BundledSpecs.INSTANCE;
        this.providers = new ProviderRegistrations(clock);
        this.kubectl = new SimulatedKubectl();
        this.clusters = new ManagedClusters(clock, kubectl, specs);
        this.extensions = new Extensions(specs, clock, operations, faults::takeExtensionFailure);
        this.fluxConfigurations = new FluxConfigurations(specs, clock, operations, extensions, new SimulatedFlux(git, options.reconcileStep(), kubectl,
                faults::helmReleaseFailure), faults::takeFluxConfigurationFailure);
        kubectl.flux(fluxConfigurations);
        this.eventHubs = new EventHubs();
        this.readBudget = new ReadBudget(options.clock());
        this.service = new ArmService(faults, providers, clusters, extensions, fluxConfigurations, eventHubs, readBudget, options.clock());
        var config = wireMockConfig().httpDisabled(true)
                .keystorePath(certificate.keystore().toString()).keystoreType("PKCS12")
                .keystorePassword(certificate.password()).keyManagerPassword(certificate.password())
                .notifier(new Silent()).disableRequestJournal().templatingEnabled(false).stubCorsEnabled(false)
                .containerThreads(12).jettyAcceptors(1)
                .extensions(new RoutingTransformer(service));
        config = (options.port() == 0 ? config.dynamicHttpsPort() : config.httpsPort(options.port())).bindAddress(options.bindAddress());
        this.server = new WireMockServer(config);
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
        try {
            server.start();
        } catch (RuntimeException e) {
            if (causedBy(e, java.net.BindException.class)) {
                throw new PortInUseException(options.bindAddress(), options.port());
            }
            throw e;
        }
    }

    /** The port asked for is taken (or the address cannot be bound); the message says so in a sentence. */
    public static final class PortInUseException extends RuntimeException {
        private final int port;

        PortInUseException(String address, int port) {
            super("port " + port + " on " + address + " is in use (or that address is not this machine's)");
            this.port = port;
        }

        public int port() {
            return port;
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Starts an emulator; {@link PortInUseException} when the port is taken. */
    public static ArmEmulator start(EmulatorOptions options) {
        Path workDir = null;
        try {
            workDir = Files.createTempDirectory("aksflux-emulator");
            return new ArmEmulator(options, workDir);
        } catch (IOException e) {
            deleteTree(workDir);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteTree(workDir);
            throw e;
        }
    }

    public static ArmEmulator start() {
        return start(EmulatorOptions.defaults());
    }

    /** {@code https://localhost:PORT}: the ARM endpoint to give aksflux ({@code AKSFLUX_ARM_ENDPOINT}). */
    public String endpoint() {
        return "https://localhost:" + port();
    }

    public int port() {
        return server.httpsPort();
    }

    /** PEM of the CA that signed the server certificate ({@code AKSFLUX_CA_FILE}); deleted on close. */
    public Path caFile() {
        return certificate.caFile();
    }

    /** A healthy cluster: Succeeded, Running, SystemAssigned identity. */
    public ArmEmulator addCluster(String subscriptionId, String resourceGroup, String name) {
        return addCluster(ClusterSpec.of(subscriptionId, resourceGroup, name));
    }

    public synchronized ArmEmulator addCluster(ClusterSpec cluster) {
        clusters.add(cluster);
        return this;
    }

    /** An Event Hub authorization rule whose {@code listKeys} returns generated keys and connection strings. */
    public synchronized ArmEmulator addEventHub(String subscriptionId, String resourceGroup, String namespace, String hub, String rule) {
        eventHubs.add(subscriptionId, resourceGroup, namespace, hub, rule);
        return this;
    }

    /** Sets a resource provider's registration state in a subscription (every provider is Registered by default). */
    public synchronized ArmEmulator providerState(String subscriptionId, String namespace, String registrationState) {
        providers.set(subscriptionId, namespace, registrationState);
        return this;
    }

    /**
     * {@code (clusterId, command) -> result} for {@code runCommand} instead of the simulated kubectl (which applies
     * Namespaces and Secrets and reads a secret's annotation; see {@link #clusterSecret}); {@code null} restores it.
     */
    /** Simulated Flux fetches URLs starting with {@code prefix} from {@code local} instead (Git's insteadOf). */
    public ArmEmulator gitInsteadOf(String prefix, String local) {
        git.insteadOf(prefix, local);
        return this;
    }

    public synchronized ArmEmulator onRunCommand(BiFunction<String, String, ManagedClusters.CommandResult> runner) {
        clusters.runner(runner);
        return this;
    }

    /** A Secret that {@code kubectl apply} through {@code runCommand} put into a cluster, if there is one. */
    public Optional<SimulatedKubectl.StoredSecret> clusterSecret(String clusterId, String namespace, String name) {
        synchronized (service) {
            return clusters.secret(clusterId, namespace, name);
        }
    }

    /**
     * The clusters' simulated Kubernetes objects: what {@code runCommand} applied and what simulated Flux left there.
     * Tests also play a controller with it, e.g. {@code appConfigurationProvider(...)} creating a Secret it owns.
     */
    public SimulatedKubectl kubernetes() {
        return kubectl;
    }

    /** Each subscription's read allowance (12,000 an hour unless a test makes it smaller); change it at any time. */
    public ReadBudget readBudget() {
        return readBudget;
    }

    /** This instance's injected faults; change them at any time. */
    public Faults faults() {
        return faults;
    }

    /** Every request answered so far, in order. */
    public List<RecordedRequest> requests() {
        return service.recorded();
    }

    /** A Microsoft.KubernetesConfiguration resource as GET would return it now, if it exists. */
    public Optional<JsonNode> resource(String id) {
        synchronized (service) {
            service.settle();
            return extensions.view(id).or(() -> fluxConfigurations.view(id));
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            git.close();
            deleteTree(workDir);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp dir left behind is harmless
        }
    }

    /** The bundled specs, loaded once per JVM: they never change, and loading them costs more than a start. */
    private static final class BundledSpecs {
        static final ArmSpecs INSTANCE = ArmSpecs.bundled();
    }

    /** WireMock's own logging is not the emulator's output. */
    private static final class Silent implements Notifier {
        @Override
        public void info(String message) {
        }

        @Override
        public void error(String message) {
        }

        @Override
        public void error(String message, Throwable t) {
        }
    }
}
