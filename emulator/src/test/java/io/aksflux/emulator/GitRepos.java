package io.aksflux.emulator;

import org.eclipse.jgit.api.Git;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Real Git repositories in a test's temp dir, committed on {@code main}, for simulated Flux to fetch. The one set of
 * Git helpers for the other modules' tests ({@code io.aksflux.support.GitRepos} in provisioning's test-jar) is out of
 * this module's reach: provisioning's tests depend on the emulator, not the other way round. So the emulator keeps
 * only what simulated Flux needs: a repository with a work tree, changed in place.
 */
final class GitRepos {
    private GitRepos() {
    }

    /** A repository with these files ({@code path -> content}) committed on main; returns its file:// URL. */
    static String create(Path dir, Map<String, String> files) throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            commit(git, files, "seed");
        }
        return dir.toUri().toString();
    }

    static void commit(Path dir, Map<String, String> files, String message) throws Exception {
        try (Git git = Git.open(dir.toFile())) {
            commit(git, files, message);
        }
    }

    static void delete(Path dir, String path, String message) throws Exception {
        try (Git git = Git.open(dir.toFile())) {
            git.rm().addFilepattern(path).call();
            git.commit().setMessage(message).setAuthor("test", "test@example.com").setCommitter("test", "test@example.com").call();
        }
    }

    private static void commit(Git git, Map<String, String> files, String message) throws Exception {
        Path root = git.getRepository().getWorkTree().toPath();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = root.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
            git.add().addFilepattern(file.getKey()).call();
        }
        git.commit().setMessage(message).setAuthor("test", "test@example.com").setCommitter("test", "test@example.com").call();
    }

    /**
     * The core-repo layout for snd4 the adp template set seeds; its GitRepository {@code services} points at an (empty)
     * services repository on disk, shared by the tests of the JVM.
     */
    static Map<String, String> snd4Core() {
        return Map.of(
                "clusters/snd/04/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n",
                "infra/snd/base/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n",
                "infra/snd/04/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../base\n",
                "services/base/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - services-repository.yaml\n",
                "services/base/services-repository.yaml", "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: services\n"
                        + "spec:\n  interval: 2m30s\n  ref:\n    branch: main\n  url: " + Services.URL + "\n",
                "services/snd/04/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\n");
    }

    /** The services repository the core fixture's GitRepository names: created once, deleted when the JVM ends. */
    private static final class Services {
        static final String URL = create();

        private static String create() {
            try {
                Path dir = Files.createTempDirectory("aksflux-services");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try (var paths = Files.walk(dir)) {
                        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    } catch (java.io.IOException e) {
                        // a temp dir left behind is harmless
                    }
                }));
                return GitRepos.create(dir, Map.of("services/environments/snd/04/kustomization.yaml",
                        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
