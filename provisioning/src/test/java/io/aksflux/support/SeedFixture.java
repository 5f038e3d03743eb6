package io.aksflux.support;

import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import io.aksflux.git.GitCredentials;
import io.aksflux.git.GitRemote;
import io.aksflux.git.JGitRemote;
import io.aksflux.change.SeedResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A core and a services bare repository that already hold another team's work, and environments pointing at them. */
public final class SeedFixture {
    public final Path core;
    public final Path services;
    public final RecordingProgress progress = new RecordingProgress();
    private final Workspace workspace = Workspaces.shipped();

    public SeedFixture(Path dir) {
        core = GitRepos.bare(dir.resolve("core.git"), Map.of("README.md", "# core\n"));
        services = GitRepos.bare(dir.resolve("services.git"), Map.of("README.md", "# services\n"));
    }

    public static final String NOTIFICATION_SECRET = "aksflux-notification";

    /** A remote without credentials: enough for file:// repositories. */
    public static GitRemote localRemote() {
        return new JGitRemote(new GitCredentials(Map.of(), Optional::empty));
    }

    /**
     * The environment pointed at these repositories. The sandbox has no App Configuration provider to own the
     * notification secret, so aksflux delivers one of its own ({@link #NOTIFICATION_SECRET}), as on such platforms.
     */
    public Environment environment(String name, String... overrides) {
        return workspace.environment(name, overrides(overrides));
    }

    /** The {@code --set} overrides that point an environment at these repositories, then {@code more}. */
    public List<String> overrides(String... more) {
        return pointingAt(GitRepos.url(core), GitRepos.url(services), more);
    }

    /** The {@code --set} overrides that point an environment at these repository URLs, then {@code more}. */
    static List<String> pointingAt(String coreUrl, String servicesUrl, String... more) {
        List<String> all = new ArrayList<>(List.of("repos.core.url=" + coreUrl, "repos.services.url=" + servicesUrl,
                "git.author.name=Platform Team", "git.author.email=platform@example.com",
                "notifications.delivery=secret", "notifications.secretName=" + NOTIFICATION_SECRET));
        all.addAll(List.of(more));
        return all;
    }

    public SeedResult seed(Environment env, GitRemote remote, String reviewBranch, boolean dryRun) {
        return workspace.seed(env, new Workspace.SeedOptions(dryRun, reviewBranch), remote, io.aksflux.kustomize.Kubectl.onPath(System.getenv("PATH")), progress);
    }

    public SeedResult seed(String name) {
        return seed(environment(name), localRemote(), null, false);
    }

    public Workspace workspace() {
        return workspace;
    }
}
