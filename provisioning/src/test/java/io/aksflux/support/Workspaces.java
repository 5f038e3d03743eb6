package io.aksflux.support;

import io.aksflux.engine.Workspace;
import io.aksflux.template.TemplateSource;

import java.nio.file.Path;
import java.util.Map;

/** Workspaces over the shipped environments and templates, or over a test's own copy. */
public final class Workspaces {
    private Workspaces() {
    }

    public static Path environments() {
        return Reference.repositoryRoot().resolve("environments");
    }

    public static Path templates() {
        return Reference.repositoryRoot().resolve("flux-templates");
    }

    public static Workspace shipped() {
        return new Workspace(environments(), TemplateSource.directory(templates()), Map.of());
    }

    public static Workspace of(Path environments, Map<String, String> processEnvironment) {
        return new Workspace(environments, TemplateSource.directory(templates()), processEnvironment);
    }
}
