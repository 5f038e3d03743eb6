package io.aksflux.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fixture itself: the snapshots as bare repositories, and their baseline builds as the reference README states them. */
class ReferencePlatformTest {
    @TempDir
    Path dir;

    @Test
    void each_repository_is_a_bare_repository_whose_main_holds_the_snapshot_in_one_commit() throws Exception {
        ReferencePlatform platform = ReferencePlatform.create(dir);

        assertThat(GitRepos.log(platform.core(), "main")).hasSize(1);
        assertThat(GitRepos.log(platform.services(), "main")).hasSize(1);
        assertThat(GitRepos.log(platform.infrastructure(), "main")).hasSize(1);
        assertThat(platform.coreUrl()).startsWith("file:///").endsWith("adp-flux-core.git");
        assertThat(GitRepos.read(platform.core(), "main", "services/base/repository.yaml")).get().asString()
                .contains("name: services-repository");
        Path services = platform.checkoutServices();
        assertThat(Files.readString(services.resolve("services/environments/snd/base/kustomization.yaml")))
                .isEqualTo(Files.readString(ReferencePlatform.tree(ReferencePlatform.SERVICES)
                        .resolve("services/environments/snd/base/kustomization.yaml")));
    }

    @Test
    void a_push_into_one_platform_leaves_another_platform_and_the_snapshot_untouched() {
        ReferencePlatform one = ReferencePlatform.create(dir.resolve("one"));
        ReferencePlatform two = ReferencePlatform.create(dir.resolve("two"));

        GitRepos.commit(one.core(), "main", Map.of("clusters/snd/05/kustomization.yaml", "resources: []\n"), "add snd5");

        assertThat(GitRepos.log(one.core(), "main")).hasSize(2);
        assertThat(GitRepos.log(two.core(), "main")).hasSize(1);
        assertThat(GitRepos.log(two.core(), "main").get(0).getId().name()).isEqualTo(ReferencePlatform.snapshotCommit(ReferencePlatform.CORE));
        assertThat(GitRepos.read(two.core(), "main", "clusters/snd/05/kustomization.yaml")).isEmpty();
        assertThat(ReferencePlatform.tree(ReferencePlatform.CORE).resolve("clusters/snd/05")).doesNotExist();
    }

    @Test
    void the_core_snapshot_builds_as_the_reference_readme_says_32_of_41_with_the_nine_cluster_folders_empty() {
        KustomizeBuilds.Builds builds = KustomizeBuilds.all(ReferencePlatform.create(dir).checkoutCore());

        assertThat(builds.folders()).hasSize(41);
        assertThat(builds.passing()).hasSize(32);
        assertThat(builds.failing()).containsOnlyKeys("clusters/dev/01", "clusters/prd/01", "clusters/pre/01",
                "clusters/snd/01", "clusters/snd/02", "clusters/snd/03", "clusters/snd/04", "clusters/tst/01", "clusters/tst/02");
        assertThat(builds.failing().values()).containsOnly("kustomization.yaml is empty");
    }

    @Test
    void every_services_environments_folder_of_the_services_snapshot_builds() {
        KustomizeBuilds.Builds builds = KustomizeBuilds.under(ReferencePlatform.create(dir).checkoutServices(), "services/environments");

        assertThat(builds.folders()).hasSize(15).contains("services/environments/snd/base-sandpit", "services/environments/prd/01");
        assertThat(builds.failing()).isEmpty();
    }
}
