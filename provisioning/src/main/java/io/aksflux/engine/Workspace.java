package io.aksflux.engine;

import io.aksflux.apply.ApplyRequest;
import io.aksflux.apply.ApplyResult;
import io.aksflux.apply.OnlineState;
import io.aksflux.base.Pacing;
import io.aksflux.base.Progress;
import io.aksflux.apply.Provisioner;
import io.aksflux.arm.ArmGateway;
import io.aksflux.git.GitRemote;
import io.aksflux.git.GitSnapshot;
import io.aksflux.kustomize.Kubectl;
import io.aksflux.change.SeedResult;
import io.aksflux.seed.EstateSeeder;
import io.aksflux.seed.Seeder;
import io.aksflux.desired.DesiredState;
import io.aksflux.environment.Environment;
import io.aksflux.environment.EnvironmentLoader;
import io.aksflux.error.AksfluxException;
import io.aksflux.error.EnvironmentException;
import io.aksflux.error.Problem;
import io.aksflux.plan.ActualState;
import io.aksflux.change.Plan;
import io.aksflux.secret.SecretResolver;
import io.aksflux.secret.SecretSource;
import io.aksflux.template.RenderedFile;
import io.aksflux.template.TemplateSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's entry point for one folder of environment files and one template source. Adapters (Git, ARM, Key Vault,
 * kubectl) come in as arguments: the command line wires them, so the engine never picks a concrete one.
 */
public final class Workspace {
    private static final java.util.regex.Pattern REVIEW_BRANCH =
            java.util.regex.Pattern.compile("^(?!-)(?!.*\\.\\.)(?!.*//)[A-Za-z0-9._/-]+(?<![./])$");
    private final EnvironmentLoader loader;
    private final Map<String, String> processEnvironment;

    public Workspace(Path environmentsDir, TemplateSource templates, Map<String, String> processEnvironment) {
        this.loader = new EnvironmentLoader(environmentsDir, templates, processEnvironment);
        this.processEnvironment = Map.copyOf(processEnvironment);
    }

    public static Workspace of(Path environmentsDir, Path templatesDir, Map<String, String> processEnvironment) {
        TemplateSource templates = templatesDir == null ? TemplateSource.beside(environmentsDir) : TemplateSource.directory(templatesDir);
        return new Workspace(environmentsDir, templates, processEnvironment);
    }

    /** The environments the folder defines (one file each, {@code defaults.yaml} aside). */
    public List<String> environmentNames() {
        return loader.environmentNames();
    }

    /**
     * Every environment, for {@code --all}: refuses while a file would be skipped for its name ({@code tst3.yml}),
     * naming it and the rename, so an estate run never silently leaves an environment out.
     */
    public List<String> allEnvironmentNames() {
        List<Problem> misnamed = loader.misnamedFiles();
        if (!misnamed.isEmpty()) {
            throw new EnvironmentException(misnamed);
        }
        return loader.environmentNames();
    }

    public Environment environment(String name, List<String> overrides) {
        return loader.load(name, overrides);
    }

    /**
     * The environment's desired state, built once per command from the environment and its layout's templates and
     * passed to plan, seed, apply, status and destroy; refuses broken templates before anything is read or written.
     */
    public DesiredState desired(Environment env) {
        return DesiredState.of(env, loader.layout(env.layout())); // the layout as the loader read it, once per command
    }

    /**
     * The named environments, loaded, for work that must not start on any of them while one is broken: refuses
     * with every problem of every one (the templates must render too) before anything is read or written.
     */
    public List<Environment> environments(List<String> names, List<String> overrides) {
        ValidationReport report = validate(names, overrides);
        if (!report.valid()) {
            throw new EnvironmentException(report.results().stream().flatMap(r -> r.problems().stream()).toList());
        }
        return names.stream().map(name -> loader.load(name, overrides)).toList();
    }

    /**
     * Checks the named environments (all when none are named, and then also files that would be ignored, such as
     * {@code tst3.yml}); problems shared by several are listed once.
     */
    public ValidationReport validate(List<String> names, List<String> overrides) {
        List<String> targets = names.isEmpty() ? loader.environmentNames() : names;
        List<ValidationReport.Result> results = new ArrayList<>();
        if (names.isEmpty()) {
            loader.misnamedFiles().forEach(p -> results.add(new ValidationReport.Result(
                    Path.of(p.origin().source()).getFileName().toString(), List.of(p))));
        }
        Set<String> seen = new LinkedHashSet<>();
        List<Environment> loaded = new ArrayList<>();
        for (String name : targets) {
            List<Problem> problems = new ArrayList<>();
            List<Problem> warnings = new ArrayList<>();
            try {
                Environment env = loader.load(name, overrides);
                DesiredState desired = desired(env); // templates must render for the environment too
                loaded.add(env);
                io.aksflux.guard.PruneGuard.Findings guard = PruneChecks.offline(loader, env, overrides, desired);
                problems.addAll(guard.errors());
                warnings.addAll(guard.warnings());
            } catch (EnvironmentException e) {
                e.problems().stream().filter(p -> seen.add(p.render())).forEach(problems::add);
            } catch (io.aksflux.error.TemplateException e) {
                problems.add(e.problem()); // the template or layout file and line, its text kept inert
            } catch (AksfluxException e) {
                problems.add(new Problem(null, "", Problem.inert(e.getMessage())));
            }
            results.add(new ValidationReport.Result(name, problems, warnings));
        }
        Map<String, List<Problem>> shared = SharedFluxConfigurations.find(targets, withRestOfFolder(targets, loaded),
                env -> loader.origin(env.name().name(), targets.contains(env.name().name()) ? overrides : List.of(), "azure.cluster")
                        .orElse(null));
        return new ValidationReport(results.stream().map(r -> shared.containsKey(r.environment())
                ? new ValidationReport.Result(r.environment(), java.util.stream.Stream.concat(r.problems().stream(),
                shared.get(r.environment()).stream()).toList(), r.warnings()) : r).toList());
    }

    /** {@code loaded} and every other environment of the folder that loads as written (no overrides). */
    private List<Environment> withRestOfFolder(List<String> targets, List<Environment> loaded) {
        List<Environment> all = new ArrayList<>(loaded);
        for (String name : loader.environmentNames()) {
            if (!targets.contains(name)) {
                try {
                    all.add(loader.load(name, List.of()));
                } catch (AksfluxException e) {
                    // a broken file is reported when it is validated itself
                }
            }
        }
        return all;
    }

    /** The desired state compared with what exists in Azure and in the Git repositories (read only). */
    public Plan plan(String name, List<String> overrides, ArmGateway arm, GitRemote git) {
        return plan(name, overrides, arm, git, false);
    }

    /** @param resendProtectedSettings show protected settings as changed (they are never read for a plan) */
    public Plan plan(String name, List<String> overrides, ArmGateway arm, GitRemote git, boolean resendProtectedSettings) {
        return plan(name, overrides, arm, git, SecretSource.NONE, Pacing.standard(), resendProtectedSettings);
    }

    /**
     * @param keyVault reads a {@code ${keyvault:...}} notification connection string, whose digest the plan compares
     *                 with the cluster's secret; protected settings are never read for a plan
     * @param pacing   how the runCommand that reads the cluster's secret is polled
     */
    public Plan plan(String name, List<String> overrides, ArmGateway arm, GitRemote git, SecretSource keyVault, Pacing pacing,
                     boolean resendProtectedSettings) {
        Environment env = loader.load(name, overrides);
        DesiredState desired = desired(env);
        try (GitSnapshot repos = new GitSnapshot(git, env.repos())) {
            Plan plan = Provisioner.plan(env, desired, OnlineState.of(env, arm, repos,
                    new SecretResolver(processEnvironment, keyVault), pacing), resendProtectedSettings);
            // the guard against Flux pruning itself reads the repositories as they are at the configured branches
            return PruneChecks.judged(plan, PruneChecks.online(loader, env, overrides, repos));
        }
    }

    /**
     * Seeds the environment's folder structure into its repositories ({@code dryRun}: only compares).
     *
     * @param kubectl what {@code seed.verify: kubectl} runs (empty: that option is refused)
     */
    public SeedResult seed(Environment env, SeedOptions options, GitRemote git, java.util.Optional<Kubectl> kubectl, Progress progress) {
        return seed(env, desired(env), options, git, kubectl, progress);
    }

    /** @param desired the environment's desired state, whose repository files are seeded */
    public SeedResult seed(Environment env, DesiredState desired, SeedOptions options, GitRemote git,
                           java.util.Optional<Kubectl> kubectl, Progress progress) {
        checkBranch(options, env);
        List<RenderedFile> files = desired.files();
        return new Seeder(git, progress, kubectl).seed(new Seeder.Request(env, files, options.reviewBranch(), options.dryRun()));
    }

    /**
     * Seeds several environments as one ({@link EstateSeeder}): each repository cloned once, every environment's files
     * written into it, one commit per repository naming them; an environment whose seed fails (its desired state
     * included) fails alone. The outcomes come in the order of {@code envs}.
     *
     * @param desired  each environment's desired state, built once for the command
     * @param progress where each environment, by name, hears of its seed
     */
    public List<EstateSeeder.Outcome> seed(List<Environment> envs, java.util.function.Function<Environment, DesiredState> desired,
                                           SeedOptions options, GitRemote git, java.util.Optional<Kubectl> kubectl,
                                           java.util.function.Function<String, Progress> progress) {
        envs.forEach(env -> checkBranch(options, env));
        List<Seeder.Request> requests = new ArrayList<>();
        Map<String, EstateSeeder.Outcome> outcomes = new java.util.HashMap<>();
        for (Environment env : envs) {
            try {
                requests.add(new Seeder.Request(env, desired.apply(env).files(), options.reviewBranch(), options.dryRun()));
            } catch (RuntimeException e) { // its templates, say: this environment's failure alone
                outcomes.put(env.name().name(), EstateSeeder.Outcome.failed(env.name().name(), e));
            }
        }
        new EstateSeeder(git, kubectl).seed(requests, progress).forEach(o -> outcomes.put(o.environment(), o));
        return envs.stream().map(env -> outcomes.get(env.name().name())).toList();
    }

    private static void checkBranch(SeedOptions options, Environment env) {
        if (options.reviewBranch() != null && !REVIEW_BRANCH.matcher(options.reviewBranch()).matches()) {
            throw new io.aksflux.error.UsageException("--branch '" + options.reviewBranch() + "' is not a valid Git branch name;"
                    + " use letters, digits, '-', '_', '.' and '/', e.g. seed/" + env.name().name());
        }
    }

    /** {@code reviewBranch}: push to this new branch instead of the configured one (null: the configured one). */
    public record SeedOptions(boolean dryRun, String reviewBranch) {
    }

    public ApplyResult apply(Environment env, ApplyOptions options, ArmGateway arm, GitRemote git, Pacing pacing, Progress progress) {
        return apply(env, options, arm, git, SecretSource.NONE, pacing, progress);
    }

    /** @param keyVault reads {@code ${keyvault:...}} protected settings; {@code ${env:...}} come from the process environment */
    public ApplyResult apply(Environment env, ApplyOptions options, ArmGateway arm, GitRemote git, SecretSource keyVault,
                             Pacing pacing, Progress progress) {
        return apply(env, options, arm, git, keyVault, pacing, progress, java.util.Optional.empty());
    }

    /** @param alreadySeeded the seed done beforehand for this environment, which the seed stage then reports */
    public ApplyResult apply(Environment env, ApplyOptions options, ArmGateway arm, GitRemote git, SecretSource keyVault,
                             Pacing pacing, Progress progress, java.util.Optional<SeedResult> alreadySeeded) {
        // refuses broken templates before the first write
        return apply(env, desired(env), options, arm, git, java.util.Optional.empty(), keyVault, pacing, progress, alreadySeeded);
    }

    /**
     * @param desired the environment's desired state, built once for the command
     * @param kubectl what {@code seed.verify: kubectl} runs in the seed stage (empty: that option is refused)
     */
    public ApplyResult apply(Environment env, DesiredState desired, ApplyOptions options, ArmGateway arm, GitRemote git,
                             java.util.Optional<Kubectl> kubectl, SecretSource keyVault, Pacing pacing, Progress progress,
                             java.util.Optional<SeedResult> alreadySeeded) {
        // the prune guard's errors over the files the seed renders refuse before the first write, as validate does
        PruneChecks.refuse(PruneChecks.offline(loader, env, List.of(), desired));
        return new Provisioner(arm, git, kubectl, pacing, progress).apply(new ApplyRequest(env, desired, options.skip(),
                options.waitForCompletion(), options.waitTimeout(), options.registerProviders(),
                options.resendProtectedSettings(), new SecretResolver(processEnvironment, keyVault), alreadySeeded,
                options.allowRepoint(), options.deployKeys()));
    }

    /** How apply should run; the environment comes from {@link #environment}. */
    public record ApplyOptions(java.util.Set<io.aksflux.apply.Stage> skip, boolean waitForCompletion,
                               java.time.Duration waitTimeout, boolean registerProviders, boolean resendProtectedSettings,
                               boolean allowRepoint, io.aksflux.apply.DeployKeyOptions deployKeys) {
        public ApplyOptions(java.util.Set<io.aksflux.apply.Stage> skip, boolean waitForCompletion,
                            java.time.Duration waitTimeout, boolean registerProviders, boolean resendProtectedSettings,
                            boolean allowRepoint) {
            this(skip, waitForCompletion, waitTimeout, registerProviders, resendProtectedSettings, allowRepoint,
                    io.aksflux.apply.DeployKeyOptions.NONE);
        }

        public ApplyOptions(java.util.Set<io.aksflux.apply.Stage> skip, boolean waitForCompletion,
                            java.time.Duration waitTimeout, boolean registerProviders, boolean resendProtectedSettings) {
            this(skip, waitForCompletion, waitTimeout, registerProviders, resendProtectedSettings, false);
        }

        public ApplyOptions(java.util.Set<io.aksflux.apply.Stage> skip, boolean waitForCompletion,
                            java.time.Duration waitTimeout, boolean registerProviders) {
            this(skip, waitForCompletion, waitTimeout, registerProviders, false, false);
        }
    }

    /** The desired state as if nothing existed yet: no network, no credentials. */
    public Plan planOffline(String name, List<String> overrides) {
        Environment env = loader.load(name, overrides);
        DesiredState desired = desired(env);
        return PruneChecks.judged(Provisioner.plan(env, desired, ActualState.NOTHING), PruneChecks.offline(loader, env, overrides, desired));
    }
}
