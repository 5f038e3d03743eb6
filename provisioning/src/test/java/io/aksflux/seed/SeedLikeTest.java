package io.aksflux.seed;

import io.aksflux.change.SeedResult;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import io.aksflux.change.Action;
import io.aksflux.change.Change;
import io.aksflux.support.GitRepos;
import io.aksflux.support.KustomizeBuilds;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.ReferencePlatform;
import io.aksflux.support.SeedFixture;
import io.aksflux.support.Workspaces;
import io.aksflux.template.TemplateSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code seed snd5 --like snd4} against the reference platform: snd5 starts as snd4's folders, the way its engineers add one. */
class SeedLikeTest {
    @TempDir
    Path dir;

    private final RecordingProgress progress = new RecordingProgress();

    /** The shipped environments plus snd5.yaml, which names its sibling in the file, as a pipeline would. */
    private Path environments() throws IOException {
        Path envs = Files.createDirectories(dir.resolve("environments"));
        try (Stream<Path> shipped = Files.list(Workspaces.environments())) {
            for (Path file : shipped.toList()) {
                Files.copy(file, envs.resolve(file.getFileName()));
            }
        }
        String snd4 = Files.readString(envs.resolve("snd4.yaml"));
        Files.writeString(envs.resolve("snd5.yaml"), snd4.replace("snd4", "snd5").replace("1404", "1405").replace("0004", "0005")
                .replace("000000000004", "000000000005") + "\nseed:\n  like: snd4\n");
        return envs;
    }

    private SeedResult seed(Workspace workspace, ReferencePlatform platform) {
        List<String> overrides = new ArrayList<>(platform.repositoryOverrides());
        overrides.addAll(List.of("git.author.name=Platform Team", "git.author.email=platform@example.com"));
        Environment snd5 = workspace.environment("snd5", overrides);
        return workspace.seed(snd5, new Workspace.SeedOptions(false, null), SeedFixture.localRemote(), java.util.Optional.empty(), progress);
    }

    @Test
    void snd5_like_snd4_gets_snd4s_folders_in_both_repositories_renamed_and_every_new_folder_builds() throws IOException {
        ReferencePlatform platform = ReferencePlatform.create(dir.resolve("platform"));
        Workspace workspace = new Workspace(environments(), TemplateSource.directory(Workspaces.templates()), Map.of());
        Path coreBefore = platform.checkoutCore();

        SeedResult result = seed(workspace, platform);

        assertThat(result.repos().get(0).writes()).extracting(Change.Git::action, Change.Git::path).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Action.CREATE, "clusters/snd/05/kustomization.yaml"),
                org.assertj.core.groups.Tuple.tuple(Action.CREATE, "infra/snd/05/kustomization.yaml"),
                org.assertj.core.groups.Tuple.tuple(Action.CREATE, "infra/snd/05/app-config-service-values.yaml"),
                org.assertj.core.groups.Tuple.tuple(Action.CREATE, "infra/snd/05/ingress-nginx-values.yaml"),
                org.assertj.core.groups.Tuple.tuple(Action.CREATE, "infra/snd/05/network-policies-values.yaml"),
                org.assertj.core.groups.Tuple.tuple(Action.CREATE, "infra/snd/05/nginx-ingress-values.yaml"),
                org.assertj.core.groups.Tuple.tuple(Action.CREATE, "services/snd/05/kustomization.yaml"),
                org.assertj.core.groups.Tuple.tuple(Action.CREATE, "services/snd/05/services.yaml"),
                org.assertj.core.groups.Tuple.tuple(Action.CREATE, "services/snd/05/config-provider-second-event-hub.yaml"));
        assertThat(result.repos().get(1).writes()).extracting(Change.Git::path).containsExactlyInAnyOrder(
                "services/environments/snd/05/kustomization.yaml", "services/environments/snd/05/kustomize.yaml",
                "services/environments/snd/05/notification.yaml", "services/environments/snd/05/ps-exec-image-policy.yaml");

        Path core = platform.checkoutCore();
        Path services = platform.checkoutServices();
        assertThat(Files.readString(core.resolve("services/snd/05/services.yaml")))
                .isEqualTo(Files.readString(core.resolve("services/snd/04/services.yaml")).replace("snd/04", "snd/05"))
                .contains("path: ./services/environments/snd/05");
        assertThat(Files.readString(services.resolve("services/environments/snd/05/ps-exec-image-policy.yaml")))
                .contains("name: powershell-executor-snd-05");
        assertThat(Files.readString(services.resolve("services/environments/snd/05/kustomize.yaml")))
                .contains("path: ./services/environments/snd/05");
        for (String same : List.of("nginx-ingress-values.yaml", "ingress-nginx-values.yaml", "kustomization.yaml")) {
            assertThat(core.resolve("infra/snd/05/" + same)).as("nothing instance-specific in " + same + " (versions, replica counts)")
                    .hasSameTextualContentAs(core.resolve("infra/snd/04/" + same));
        }
        assertThat(Files.readString(core.resolve("clusters/snd/05/kustomization.yaml")))
                .as("snd/04's is empty, which kustomize refuses").endsWith("resources: []\n");

        KustomizeBuilds.Builds coreBuilds = KustomizeBuilds.all(core);
        assertThat(coreBuilds.failing()).doesNotContainKeys("clusters/snd/05", "infra/snd/05", "services/snd/05");
        assertThat(coreBuilds.addedSince(KustomizeBuilds.all(coreBefore))).containsExactly("clusters/snd/05", "infra/snd/05", "services/snd/05");
        assertThat(coreBuilds.brokenSince(KustomizeBuilds.all(coreBefore))).isEmpty();
        assertThat(KustomizeBuilds.under(services, "services/environments").failing()).isEmpty();

        assertThat(seed(workspace, platform).hasChanges()).as("a re-run writes nothing").isFalse();
        assertThat(GitRepos.log(platform.core(), "main")).hasSize(2);
        assertThat(GitRepos.log(platform.services(), "main")).hasSize(2);
    }
}
