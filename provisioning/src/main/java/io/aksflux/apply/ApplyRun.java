package io.aksflux.apply;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.base.Pacing;
import io.aksflux.base.Progress;
import io.aksflux.change.Change;
import io.aksflux.desired.ArmResource;
import io.aksflux.desired.ClusterObject;
import io.aksflux.desired.DesiredState;
import io.aksflux.environment.Environment;
import io.aksflux.git.GitRemote;
import io.aksflux.plan.ActualState;
import io.aksflux.seed.KustomizationPaths;
import io.aksflux.seed.Seeder;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One run of {@link Provisioner}'s list: what each stage's unit is for this request, and what the units share (the
 * resolved protected settings, the notification address read once, the commit the seed pushed, what blocks converge).
 * A plan builds the same units and never applies them, so nothing here reads or writes before the runner says so.
 */
final class ApplyRun {
    private final ApplyRequest request;
    private final Environment env;
    private final DesiredState desired;
    private final ArmWriter writer;
    private final GitRemote git;
    private final Optional<io.aksflux.kustomize.Kubectl> kubectl;
    private final Pacing pacing;
    private final Progress progress;
    private final Supplier<String> address;
    private final java.util.Map<String, ObjectNode> protectedValues = new java.util.HashMap<>(); // by resource id
    private final RegisteredProviders providers;
    private SeedStep seed;
    private ConvergeCheck converge;

    private ApplyRun(ApplyRequest request, ArmWriter writer, GitRemote git, Optional<io.aksflux.kustomize.Kubectl> kubectl,
                     Pacing pacing, Progress progress, boolean writes, RegisteredProviders providers) {
        this.request = request;
        this.providers = providers;
        this.kubectl = kubectl;
        this.env = request.environment();
        this.desired = request.desired();
        this.writer = writer;
        this.git = git;
        this.pacing = pacing;
        this.progress = progress;
        this.address = NotificationAddress.reader(env, writer.gateway(), request.secrets());
        // read every secret a stage will send before the first write, so a missing one stops apply with nothing written
        if (writes) {
            resolve(Stage.EXTENSION, desired.extension(), "extension.protectedSettings");
            resolve(Stage.FLUX, desired.fluxConfiguration(), "flux.protectedSettings");
        }
        if (writes && throughKeyVault()) {
            NotificationKeyVault.target(env); // named before anything is read or written
        }
    }

    /**
     * Apply: the secrets are resolved and the Key Vault target named here, before any unit runs.
     *
     * @param providers the resource providers this process already saw Registered
     */
    static ApplyRun applying(ApplyRequest request, ArmWriter writer, GitRemote git, Optional<io.aksflux.kustomize.Kubectl> kubectl,
                             Pacing pacing, Progress progress, RegisteredProviders providers) {
        return new ApplyRun(request, writer, git, kubectl, pacing, progress, true, providers);
    }

    /** A plan: the same units, over no gateway, never applied. */
    static ApplyRun planning(Environment env, DesiredState desired, boolean resendProtectedSettings) {
        ApplyRequest request = new ApplyRequest(env, desired, java.util.Set.of(), false, ArmWriter.DEFAULT_TIMEOUT, false,
                resendProtectedSettings, new io.aksflux.secret.SecretResolver(java.util.Map.of(), io.aksflux.secret.SecretSource.NONE),
                Optional.empty(), false);
        return new ApplyRun(request, new ArmWriter(null, Pacing.standard(), Progress.SILENT), null, Optional.empty(), Pacing.standard(),
                Progress.SILENT, false, new RegisteredProviders());
    }

    Environment environment() {
        return env;
    }

    DesiredState desired() {
        return desired;
    }

    boolean skips(Stage stage) {
        return request.skip().contains(stage);
    }

    /** Why a skipped stage did nothing; the flux stage needs the paths whoever seeded them, so seed still checks them. */
    String skipped(Stage stage) {
        return stage == Stage.SEED ? "as asked; " + checkPaths(Optional.empty()) : "as asked";
    }

    boolean waits() {
        return request.waitForCompletion();
    }

    Check preflight() {
        return () -> new ApplyResult.StageResult(Stage.PREFLIGHT.label(), "done", new Preflight(writer, pacing, progress, providers)
                .run(env, desired.arm(), request.registerProviders(), request.waitTimeout(), notificationSecret().isPresent() || throughKeyVault()));
    }

    Step seed() {
        seed = new SeedStep(env, desired.files(), Optional.ofNullable(git).map(g -> new Seeder(g, progress, kubectl)),
                request.alreadySeeded(), this::checkPaths, progress);
        return seed;
    }

    /** Through Key Vault, as a Secret of aksflux's own, or nothing to deliver. */
    Step notifications() {
        if (throughKeyVault()) {
            return new NotificationKeyVault(env, request.secrets().store(), address, new AksRunCommand(writer), progress);
        }
        return desired.notificationSecret().<Step>map(secret -> new NotificationSecret(env.azure().clusterId(), secret,
                new AksRunCommand(writer), address, progress)).orElseGet(() -> nothingToDo(env.notifications().enabled()
                ? "the Provider needs no secret with workload identity (notifications.auth: workloadIdentity)"
                : "notifications are disabled (notifications.enabled: false)"));
    }

    /** A stage this environment has nothing for is left out of its list: deploy keys when it lists none. */
    boolean concerns(Stage stage) {
        return stage != Stage.DEPLOY_KEYS || !env.deployKeys().isEmpty();
    }

    Step deployKeys() {
        return new DeployKeys(env, request.deployKeys(), request.secrets().store(), new AksRunCommand(writer), progress);
    }

    Step arm(Stage stage, String label, ArmResource resource) {
        return new ArmResourceStep(stage.label(), label, resource, writer, progress,
                protectedValues.getOrDefault(resource.id(), empty()), request.resendProtectedSettings(),
                request.waitForCompletion());
    }

    Check converge() {
        if (!request.waitForCompletion()) {
            return () -> new ApplyResult.StageResult(Stage.CONVERGE.label(), "skipped", "not waiting, as asked");
        }
        converge = new ConvergeCheck(env, desired.fluxConfiguration(), writer, git, pacing, progress, request.waitTimeout(),
                () -> seed == null ? Optional.empty() : seed.sourceCommit());
        return converge;
    }

    /**
     * Apply's actual state: ARM, and the notification secret compared in the cluster with this run's address; Git is
     * not read here, since the seed's plan reads the working copies it pushes from.
     */
    ActualState actual() {
        return OnlineState.applying(writer.gateway(), object -> new NotificationSecret(env.azure().clusterId(), object,
                new AksRunCommand(writer), address, progress).plan().action());
    }

    /** Before the first write: another environment's configuration is not rewritten, and a missing Event Hub stops apply. */
    void beforeFirstWrite() {
        if (!skips(Stage.FLUX)) {
            ArmResource flux = desired.fluxConfiguration();
            RepointGuard.check(env, flux, writer.gateway().latest(flux.id(), flux.apiVersion()), request.allowRepoint(), progress);
        }
        if (notificationSecret().isPresent() || throughKeyVault()) {
            address.get();
        }
    }

    ApplyResult result(List<ApplyResult.StageResult> results) {
        List<ResourceState.ObjectStatus> blocking = converge == null ? List.of() : converge.blocking();
        ApplyResult.Outcome outcome = !blocking.isEmpty() ? ApplyResult.Outcome.TIMED_OUT
                : request.waitForCompletion() && !skips(Stage.CONVERGE) ? ApplyResult.Outcome.CONVERGED
                : ApplyResult.Outcome.APPLIED;
        return new ApplyResult(env.name().name(), outcome, results, blocking);
    }

    private Optional<ClusterObject> notificationSecret() {
        return skips(Stage.NOTIFICATIONS) ? Optional.empty() : desired.notificationSecret();
    }

    private boolean throughKeyVault() {
        return !skips(Stage.NOTIFICATIONS) && env.notifications().deliversThroughKeyVault();
    }

    private Step nothingToDo(String why) {
        return new Step() {
            @Override
            public List<Change> plan(ActualState actual) {
                return List.of();
            }

            @Override
            public String unchanged(List<Change> planned) {
                progress.info(Stage.NOTIFICATIONS.label() + ": nothing to do; " + why);
                return why;
            }

            @Override
            public ApplyResult.StageResult apply(List<Change> planned) {
                throw new IllegalStateException("nothing to apply: " + why);
            }
        };
    }

    private void resolve(Stage stage, ArmResource resource, String field) {
        if (!skips(stage) && !resource.protectedSettings().isEmpty()) {
            protectedValues.put(resource.id(), request.secrets().resolve(field, resource.protectedSettings()));
        }
    }

    private static ObjectNode empty() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * A preflight check that can only run once seeding is done: every kustomization path exists at the configured
     * ref, read on the seed's working copies when this run prepared them. With preflight skipped it is skipped like the
     * other checks, and converge names a missing path.
     */
    private String checkPaths(Optional<Seeder.Prepared> seeded) {
        if (skips(Stage.PREFLIGHT)) {
            return "kustomization paths not checked (preflight skipped)";
        }
        if (env.flux().gitRepository().pinned()) {
            // seed writes to the branch; what the pinned revision holds is Flux's to report
            return "kustomization paths not checked at the pinned " + ConvergeCheck.pinned(env)
                    + " (seed writes to the branch); converge names a missing path as Flux reports it";
        }
        return seeded.map(prepared -> KustomizationPaths.check(env, prepared, git)).orElseGet(() -> KustomizationPaths.check(env, git));
    }
}
