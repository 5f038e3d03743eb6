package io.aksflux.cli;

import io.aksflux.arm.ArmGateway;
import io.aksflux.azure.ArmConnection;
import io.aksflux.azure.ArmCredentials;
import io.aksflux.azure.AzureArmGateway;
import io.aksflux.emulator.ArmEmulator;
import io.aksflux.emulator.EmulatorOptions;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import io.aksflux.apply.ProvisioningFailedException;
import io.aksflux.git.LocalRepository;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A throwaway estate on this machine for {@code aksflux demo}: the ARM emulator over HTTPS and, in a temporary folder,
 * a repository for each role the environments' layout declares (adp: core and services), named as their configured
 * URLs end, as a platform team has them before its first environment. Closing it stops the emulator and deletes the
 * folder (unless kept).
 */
final class DemoSandbox implements AutoCloseable {
    /** Short enough for a demo under a minute, long enough to watch each stage wait. */
    static final Duration OPERATION = Duration.ofSeconds(2);
    static final Duration RECONCILE_STEP = Duration.ofSeconds(2);

    private final ArmEmulator emulator;
    private final Path folder;
    private final boolean keep;
    /** The sandbox's repository of each role, by role, in the layout's order. */
    private final Map<String, String> urls;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private DemoSandbox(ArmEmulator emulator, Path folder, boolean keep, Map<String, String> urls) {
        this.emulator = emulator;
        this.folder = folder;
        this.keep = keep;
        this.urls = urls;
    }

    /** @param repositories the environments' repositories: one bare repository is made per role */
    static DemoSandbox start(Supplier<Instant> clock, boolean keep, List<Environment.Repository> repositories) {
        Path folder;
        try {
            folder = Files.createTempDirectory("aksflux-demo-");
        } catch (IOException e) {
            throw new ProvisioningFailedException("cannot create a temporary folder for the demo: " + e.getMessage());
        }
        try {
            Map<String, String> urls = new java.util.LinkedHashMap<>();
            for (Environment.Repository repository : repositories) {
                if (!urls.containsKey(repository.role())) {
                    String name = repositoryName(repository);
                    urls.put(repository.role(), LocalRepository.createBare(folder.resolve(name + ".git"), "main",
                            Map.of("README.md", "# " + name + "\n\nThe " + repository.role() + " repository of the aksflux demo.\n"), "Initial commit"));
                }
            }
            ArmEmulator emulator = ArmEmulator.start(EmulatorOptions.defaults().withClock(clock)
                    .withLroDuration(OPERATION).withReconcileStep(RECONCILE_STEP));
            return new DemoSandbox(emulator, folder, keep, urls);
        } catch (RuntimeException e) {
            delete(folder);
            throw e;
        }
    }

    /** The last segment of the repository's URL without {@code .git} ({@code adp-flux-core}), else its role. */
    private static String repositoryName(Environment.Repository repository) {
        String name = repository.url().replaceAll("[/:]+$", "").replaceAll("\\.git$", "");
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf(':')) + 1);
        return name.matches("[A-Za-z0-9._-]+") && !name.startsWith(".") ? name : repository.role();
    }

    /**
     * {@code --set} overrides that point an environment at the sandbox's repositories. The sandbox has no App
     * Configuration provider to own the notification secret, so aksflux delivers one of its own, as on such platforms
     * (when the environments send notifications at all).
     */
    List<String> repositoryOverrides(boolean notifications) {
        List<String> overrides = new ArrayList<>();
        urls.forEach((role, url) -> overrides.addAll(List.of("repos." + role + ".url=" + url, "repos." + role + ".branch=main")));
        if (notifications) {
            overrides.addAll(List.of("notifications.delivery=secret", "notifications.secretName=" + NOTIFICATION_SECRET));
        }
        return overrides;
    }

    /** {@code core and services repositories}, {@code fleet repository}: how the demo names them. */
    String repositoriesText() {
        List<String> roles = List.copyOf(urls.keySet());
        String names = roles.size() == 1 ? roles.get(0)
                : String.join(", ", roles.subList(0, roles.size() - 1)) + " and " + roles.get(roles.size() - 1);
        return names + (roles.size() == 1 ? " repository" : " repositories");
    }

    /**
     * The named environments on the sandbox's repositories ({@code overrides}, the user's {@code --set}, win), each given
     * its cluster and Event Hub; says where they are on {@code err}.
     */
    List<Environment> provision(Workspace workspace, List<String> names, List<String> overrides, String what, boolean notifications,
                                PrintWriter err) {
        List<String> all = new ArrayList<>(repositoryOverrides(notifications));
        all.addAll(overrides);
        List<Environment> envs = workspace.environments(names, all);
        envs.forEach(this::add);
        err.println("aksflux demo: " + what + " against the local ARM emulator at " + endpoint());
        err.println("aksflux demo: " + repositoriesText() + " in " + folder());
        return envs;
    }

    /** With {@code --keep}: where the repositories stay. */
    void sayWhereKept(PrintWriter err) {
        if (keep) {
            err.println("aksflux demo: repositories kept in " + folder);
        }
    }

    /** The notification secret aksflux delivers in the sandbox: a name no other controller owns. */
    static final String NOTIFICATION_SECRET = "aksflux-notification";

    /** Gives the environment its cluster (Entra-only and private, as the reference platform's) and Event Hub in the emulator. */
    void add(Environment env) {
        EmulatedEstate.add(emulator, env, io.aksflux.emulator.ClusterSpec.Access.ENTRA_ONLY);
    }

    /** The real Azure SDK path to the emulator, trusting its CA; the tokens (ARM, run command's clusterToken) are placeholders it accepts. */
    ArmGateway gateway() {
        return new AzureArmGateway(ArmConnection.from(emulator.endpoint(), emulator.caFile(), Map.of()),
                ArmCredentials.resolve(Map.of("AKSFLUX_ARM_TOKEN", "demo")), java.util.Optional.of(ArmCredentials.token("demo-aks")));
    }

    String endpoint() {
        return emulator.endpoint();
    }

    Path folder() {
        return folder;
    }

    /** Stops the emulator (its CA key goes with it) and deletes the folder unless kept; again (Ctrl-C, then the normal end) does nothing. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        emulator.close();
        if (!keep) {
            delete(folder);
        }
    }

    /** What Ctrl-C leaves, in a sentence. */
    String whatIsLeft() {
        return "the emulator is stopped and its CA and keys (" + emulator.caFile().getParent() + ") deleted; " + (keep ? "repositories kept in " + folder : folder + " deleted");
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
