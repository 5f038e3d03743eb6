package io.aksflux.support;

import io.aksflux.change.Change;
import io.aksflux.change.Plan;
import io.aksflux.engine.Workspace;
import io.aksflux.template.TemplateSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The example estates of the other layouts ({@code examples/<layout>/environments}) over the shipped templates. */
public final class ExampleEstates {
    private ExampleEstates() {
    }

    public static Path environments(String layout) {
        return Reference.repositoryRoot().resolve("examples").resolve(layout).resolve("environments");
    }

    public static Workspace of(String layout) {
        return at(environments(layout));
    }

    /** A copy of an example estate (or any environments folder) over the shipped templates. */
    public static Workspace at(Path environments) {
        return new Workspace(environments, TemplateSource.directory(Workspaces.templates()), Map.of());
    }

    /** The git files an offline plan of the example environment seeds. */
    public static List<Change.Git> seededFiles(String layout, String environment, List<String> overrides) {
        Plan plan = of(layout).planOffline(environment, overrides);
        return plan.changes().stream().filter(Change.Git.class::isInstance).map(Change.Git.class::cast).toList();
    }
}
