package io.aksflux.engine;

import io.aksflux.apply.ApplyRequest;
import io.aksflux.apply.ApplyResult;
import io.aksflux.apply.OnlineState;
import io.aksflux.apply.Pacing;
import io.aksflux.apply.Progress;
import io.aksflux.apply.Provisioner;
import io.aksflux.arm.ArmGateway;
import io.aksflux.desired.DesiredState;
import io.aksflux.environment.Environment;
import io.aksflux.environment.EnvironmentLoader;
import io.aksflux.error.AksfluxException;
import io.aksflux.error.EnvironmentException;
import io.aksflux.error.Problem;
import io.aksflux.plan.ActualState;
import io.aksflux.plan.Plan;
import io.aksflux.plan.Planner;
import io.aksflux.template.TemplateSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The engine's entry point for one folder of environment files and one template source. */
public final class Workspace {
    private final EnvironmentLoader loader;

    public Workspace(Path environmentsDir, TemplateSource templates, Map<String, String> processEnvironment) {
        this.loader = new EnvironmentLoader(environmentsDir, templates, processEnvironment);
    }

    public static Workspace of(Path environmentsDir, Path templatesDir, Map<String, String> processEnvironment) {
        TemplateSource templates = templatesDir == null ? TemplateSource.beside(environmentsDir) : TemplateSource.directory(templatesDir);
        return new Workspace(environmentsDir, templates, processEnvironment);
    }

    /** The environments the folder defines (one file each, {@code defaults.yaml} aside). */
    public List<String> environmentNames() {
        return loader.environmentNames();
    }

    public Environment environment(String name, List<String> overrides) {
        return loader.load(name, overrides);
    }

    /** Checks the named environments (all when none are named); problems shared by several are listed once. */
    public ValidationReport validate(List<String> names, List<String> overrides) {
        List<String> targets = names.isEmpty() ? loader.environmentNames() : names;
        List<ValidationReport.Result> results = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String name : targets) {
            List<Problem> problems = new ArrayList<>();
            try {
                Environment env = loader.load(name, overrides);
                DesiredState.of(env, loader.templates()); // templates must render for the environment too
            } catch (EnvironmentException e) {
                e.problems().stream().filter(p -> seen.add(p.render())).forEach(problems::add);
            } catch (AksfluxException e) {
                problems.add(new Problem(null, "", e.getMessage()));
            }
            results.add(new ValidationReport.Result(name, problems));
        }
        return new ValidationReport(results);
    }

    /** The desired state compared with what exists in Azure. */
    public Plan plan(String name, List<String> overrides, ArmGateway arm) {
        Environment env = loader.load(name, overrides);
        return Planner.plan(env.name().name(), DesiredState.of(env, loader.templates()), new OnlineState(arm));
    }

    public ApplyResult apply(Environment env, ApplyOptions options, ArmGateway arm, Pacing pacing, Progress progress) {
        DesiredState.of(env, loader.templates()); // refuse broken templates before the first write
        return new Provisioner(arm, pacing, progress).apply(new ApplyRequest(env, options.skip(), options.waitForCompletion(),
                options.waitTimeout(), options.registerProviders()));
    }

    /** How apply should run; the environment comes from {@link #environment}. */
    public record ApplyOptions(java.util.Set<io.aksflux.apply.Stage> skip, boolean waitForCompletion,
                               java.time.Duration waitTimeout, boolean registerProviders) {
    }

    /** The desired state as if nothing existed yet: no network, no credentials. */
    public Plan planOffline(String name, List<String> overrides) {
        Environment env = loader.load(name, overrides);
        return Planner.plan(env.name().name(), DesiredState.of(env, loader.templates()), ActualState.NOTHING);
    }
}
