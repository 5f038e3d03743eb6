package io.aksflux.apply;

import io.aksflux.base.Pacing;
import io.aksflux.base.Progress;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.arm.ArmGateway;
import io.aksflux.desired.ArmResource;
import io.aksflux.desired.ClusterObject;
import io.aksflux.desired.DesiredState;
import io.aksflux.desired.ExtensionBody;
import io.aksflux.desired.FluxConfigurationBody;
import io.aksflux.git.GitRemote;
import io.aksflux.seed.KustomizationPaths;
import io.aksflux.change.SeedResult;
import io.aksflux.seed.Seeder;
import io.aksflux.change.Action;
import io.aksflux.change.Change;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Apply: a fixed list of stages, run in order; each reads, compares and writes only on difference.
 * Orchestration only orders and waits; the units do the work.
 */
public final class Provisioner {
    private final ArmWriter writer;
    private final GitRemote git;
    private final Pacing pacing;
    private final Progress progress;

    public Provisioner(ArmGateway arm, GitRemote git, Pacing pacing, Progress progress) {
        this.writer = new ArmWriter(arm, pacing, progress);
        this.git = git;
        this.pacing = pacing;
        this.progress = progress;
    }

    public ApplyResult apply(ApplyRequest request) {
        ArmWriter writer = this.writer.bounded(request.waitTimeout()); // every operation awaited at most --wait-timeout
        var env = request.environment();
        ArmResource extension = ExtensionBody.of(env);
        ArmResource flux = FluxConfigurationBody.of(env);
        // read every secret a stage will send before the first write, so a missing one stops apply with nothing written
        ObjectNode extensionSecrets = secretsFor(request, Stage.EXTENSION, extension, "extension.protectedSettings");
        ObjectNode fluxSecrets = secretsFor(request, Stage.FLUX, flux, "flux.protectedSettings");
        Optional<ClusterObject> notificationSecret = request.skip().contains(Stage.NOTIFICATIONS) ? Optional.empty()
                : DesiredState.notificationSecret(env);
        boolean throughKeyVault = !request.skip().contains(Stage.NOTIFICATIONS) && env.notifications().deliversThroughKeyVault();
        if (throughKeyVault) {
            NotificationKeyVault.target(env); // named before anything is read or written
        }
        Supplier<String> address = NotificationAddress.reader(env, writer.gateway(), request.secrets());
        List<ApplyResult.StageResult> results = new ArrayList<>();
        List<ResourceState.ObjectStatus> blocking = List.of();
        Optional<String> seededRevision = Optional.empty(); // the commit the seed pushed to the configuration's source
        boolean repointChecked = false;
        for (Stage stage : Stage.values()) {
            if (request.skip().contains(stage)) {
                progress.stage(stage.label(), "skipped");
                // the flux stage needs the paths whoever seeded them: a preflight check, even when seeding is skipped
                results.add(new ApplyResult.StageResult(stage.label(), "skipped", stage == Stage.SEED
                        ? "--skip; " + checkPaths(request) : "--skip"));
                continue;
            }
            progress.stage(stage.label(), stage == Stage.CONVERGE && !request.waitForCompletion() ? "not waiting (--no-wait)"
                    : describe(stage, env.extension().name(), env.flux().name()));
            if (stage != Stage.PREFLIGHT && !repointChecked) {
                repointChecked = true; // before the first write: another environment's configuration is not rewritten
                if (!request.skip().contains(Stage.FLUX)) {
                    RepointGuard.check(env, flux, writer.gateway().get(flux.id(), flux.apiVersion()), request.allowRepoint(), progress);
                }
            }
            if (stage != Stage.PREFLIGHT && (notificationSecret.isPresent() || throughKeyVault)) {
                address.get(); // once the cluster is checked, before the first write: a missing Event Hub stops apply with nothing written
            }
            switch (stage) {
                case PREFLIGHT -> results.add(done(stage, new Preflight(writer, pacing, progress)
                        .run(env, List.of(extension, flux), request.registerProviders(), request.waitTimeout(),
                                notificationSecret.isPresent() || throughKeyVault)));
                case SEED -> {
                    SeedResult seeded = request.alreadySeeded()
                            .orElseGet(() -> new Seeder(git, progress).seed(new Seeder.Request(env, request.files(), null, false)));
                    seededRevision = seeded.repos().stream().filter(r -> r.repo().equals(env.flux().sourceRepo()) && r.commit() != null)
                            .map(SeedResult.Repo::commit).findFirst();
                    progress.seeded(seeded);
                    results.add(seedStage(seeded, checkPaths(request)));
                }
                case NOTIFICATIONS -> results.add(throughKeyVault
                        ? new NotificationKeyVault(env, request.secrets().store(), address, new AksRunCommand(writer), progress).apply()
                        : notificationSecret.map(secret -> clusterStage(stage, new NotificationSecret(
                        env.azure().clusterId(), secret, new AksRunCommand(writer), address, progress).apply()))
                        .orElseGet(() -> nothingToDo(stage, env.notifications().enabled()
                                ? "the Provider needs no secret with workload identity (notifications.auth: workloadIdentity)"
                                : "notifications are disabled (notifications.enabled: false)")));
                case EXTENSION -> results.add(armStage(stage, new ArmResourceUnit("extension " + env.extension().name(),
                        extension, writer, progress, extensionSecrets, request.resendProtectedSettings()).apply(request.waitForCompletion())));
                case FLUX -> results.add(armStage(stage, new ArmResourceUnit("flux configuration " + env.flux().name(),
                        flux, writer, progress, fluxSecrets, request.resendProtectedSettings()).apply(request.waitForCompletion())));
                case CONVERGE -> {
                    if (!request.waitForCompletion()) {
                        results.add(new ApplyResult.StageResult(stage.label(), "skipped", "--no-wait"));
                        continue;
                    }
                    blocking = env.flux().gitRepository().pinned()
                            ? new Convergence(writer, pacing, progress).await(flux, request.waitTimeout(), pinnedRevision(env),
                                    () -> pinnedRevision(env), env.flux().gitRepository().commit() != null ? "the pinned commit"
                                    : "the commit " + pinned(env) + " names")
                            : new Convergence(writer, pacing, progress).await(flux, request.waitTimeout(),
                                    seededRevision.or(() -> sourceHead(env)), () -> sourceHead(env));
                    results.add(new ApplyResult.StageResult(stage.label(), blocking.isEmpty() ? "done" : "timed-out",
                            blocking.isEmpty() ? "every kustomization Compliant" : blocking.size() + " object(s) not compliant"));
                }
                default -> throw new IllegalStateException(stage.toString());
            }
        }
        ApplyResult.Outcome outcome = !blocking.isEmpty() ? ApplyResult.Outcome.TIMED_OUT
                : request.waitForCompletion() && !request.skip().contains(Stage.CONVERGE) ? ApplyResult.Outcome.CONVERGED
                : ApplyResult.Outcome.APPLIED;
        return new ApplyResult(env.name().name(), outcome, results, blocking);
    }

    private static ObjectNode secretsFor(ApplyRequest request, Stage stage, ArmResource resource, String field) {
        if (request.skip().contains(stage) || resource.protectedSettings().isEmpty()) {
            return JsonNodeFactory.instance.objectNode();
        }
        return request.secrets().resolve(field, resource.protectedSettings());
    }

    /**
     * A preflight check that can only run once seeding is done: every kustomization path exists at the configured
     * ref. With {@code --skip preflight} it is skipped like the other checks, and converge names a missing path.
     */
    private String checkPaths(ApplyRequest request) {
        if (request.skip().contains(Stage.PREFLIGHT)) {
            return "kustomization paths not checked (--skip preflight)";
        }
        if (request.environment().flux().gitRepository().pinned()) {
            // seed writes to the branch; what the pinned revision holds is Flux's to report
            return "kustomization paths not checked at the pinned " + pinned(request.environment())
                    + " (seed writes to the branch); converge names a missing path as Flux reports it";
        }
        return KustomizationPaths.check(request.environment(), git);
    }

    /**
     * With a pinned ref Flux reads the pinned commit or the tag's commit, not the branch seed pushed to; a semver range
     * is Flux's to resolve (aksflux does not evaluate ranges), so then Compliant alone counts.
     */
    private Optional<String> pinnedRevision(io.aksflux.environment.Environment env) {
        var pin = env.flux().gitRepository();
        if (pin.commit() != null) {
            return Optional.of(pin.commit());
        }
        if (pin.tag() != null) {
            return git.tag(env.repos().byRole(env.flux().sourceRepo()).url(), pin.tag());
        }
        return Optional.empty();
    }

    private static String pinned(io.aksflux.environment.Environment env) {
        return env.flux().gitRepository().describe(env.repos().byRole(env.flux().sourceRepo()).branch());
    }

    /** Converged means Flux applied what the source branch holds now, not an older commit it fetched before. */
    private Optional<String> sourceHead(io.aksflux.environment.Environment env) {
        var source = env.repos().byRole(env.flux().sourceRepo());
        return git.head(source.url(), source.branch());
    }

    private static ApplyResult.StageResult seedStage(SeedResult seeded, String paths) {
        String commits = seeded.repos().stream().filter(r -> r.commit() != null)
                .map(r -> r.repo() + " " + r.commit().substring(0, 12)).collect(java.util.stream.Collectors.joining(", "));
        return new ApplyResult.StageResult(Stage.SEED.label(), seeded.hasChanges() ? "changed" : "unchanged",
                (commits.isEmpty() ? "nothing to commit" : "pushed " + commits) + "; " + paths);
    }

    private static String describe(Stage stage, String extension, String flux) {
        return switch (stage) {
            case PREFLIGHT -> "providers, cluster, operations in flight";
            case SEED -> "Git repositories";
            case NOTIFICATIONS -> "notification secret";
            case EXTENSION -> "microsoft.flux extension '" + extension + "'";
            case FLUX -> "flux configuration '" + flux + "'";
            case CONVERGE -> "waiting for every kustomization of '" + flux + "' to be Compliant";
        };
    }

    private ApplyResult.StageResult nothingToDo(Stage stage, String why) {
        progress.info(stage.label() + ": nothing to do; " + why);
        return new ApplyResult.StageResult(stage.label(), "unchanged", why);
    }

    private static ApplyResult.StageResult clusterStage(Stage stage, Change.Cluster change) {
        return new ApplyResult.StageResult(stage.label(), change.action() == Action.NONE ? "unchanged" : "changed",
                change.action().wire() + " " + change.kind() + " " + change.namespace() + "/" + change.name());
    }

    private static ApplyResult.StageResult done(Stage stage, String detail) {
        return new ApplyResult.StageResult(stage.label(), "done", detail);
    }

    private static ApplyResult.StageResult armStage(Stage stage, Change.Arm change) {
        return new ApplyResult.StageResult(stage.label(), change.action() == Action.NONE ? "unchanged" : "changed",
                change.action().wire() + (change.diff().isEmpty() ? "" : " " + change.diff().size() + " field(s)"));
    }
}
