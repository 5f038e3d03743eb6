package io.aksflux.git;

import io.aksflux.seed.KustomizationPaths;
import io.aksflux.change.SeedResult;
import io.aksflux.environment.Environment;
import io.aksflux.error.GitException;
import io.aksflux.change.Change;
import io.aksflux.support.FakeArm;
import io.aksflux.support.GitRepos;
import io.aksflux.support.HostileRepos;
import io.aksflux.support.SeedFixture;
import io.aksflux.support.SimulatedTicker;
import org.eclipse.jgit.lib.FileMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Nothing in a repository reaches outside aksflux's clone: symbolic links and submodules on the way to a path aksflux
 * reads or writes are refused, as are files too big or not text; a refused seed pushes nothing and writes nothing
 * outside the clone. Every repository here is built by {@link HostileRepos}.
 */
class HostileRepositoryTest {
    private static final String KUBECONFIG = "apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    token: kubeconfig-token-do-not-print\n";

    @TempDir
    Path dir;
    private Path outside;
    private Path scratch;
    private SeedFixture repos;

    @BeforeEach
    void an_outside_folder_and_the_platform_repositories() throws Exception {
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("config"), KUBECONFIG);
        scratch = Files.createDirectories(dir.resolve("scratch"));
        repos = new SeedFixture(Files.createDirectories(dir.resolve("repos")));
        repos.seed("snd1");
    }

    // --- every operation of a checkout, through every kind of link ---

    /** A link aksflux meets: where it is, where it points ({@code OUTSIDE} = the outside folder), the paths used. */
    record Link(String description, String at, String target, String file, String folder) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Link> links() {
        return Stream.of(
                new Link("a folder linked to a folder outside the clone", "clusters/snd", "OUTSIDE",
                        "clusters/snd/04/kustomization.yaml", "clusters/snd/04"),
                new Link("a folder linked to a folder inside the repository", "clusters/snd", "../infra",
                        "clusters/snd/04/kustomization.yaml", "clusters/snd/04"),
                new Link("a file linked to a file outside the clone", "clusters/snd/04/kustomization.yaml", "OUTSIDE/config",
                        "clusters/snd/04/kustomization.yaml", "clusters/snd/04/kustomization.yaml"),
                new Link("a file linked to a file inside the repository", "clusters/snd/04/kustomization.yaml", "../../../README.md",
                        "clusters/snd/04/kustomization.yaml", "clusters/snd/04/kustomization.yaml"),
                new Link("a dangling link to a file that does not exist outside", "clusters/snd/04/kustomization.yaml",
                        "OUTSIDE/created-by-aksflux.yaml", "clusters/snd/04/kustomization.yaml", "clusters/snd/04/kustomization.yaml"),
                new Link("a dangling link to a folder that does not exist outside", "clusters/snd", "OUTSIDE/made/by/aksflux",
                        "clusters/snd/04/kustomization.yaml", "clusters/snd/04"));
    }

    enum Operation { READ, WRITE, IS_DIRECTORY }

    static Stream<Arguments> link_operations() {
        return links().flatMap(l -> Stream.of(Operation.values()).map(o -> Arguments.of(l, o)));
    }

    @ParameterizedTest(name = "{1} through {0}")
    @MethodSource("link_operations")
    void every_checkout_operation_refuses_a_symbolic_link_and_touches_nothing_it_points_to(Link link, Operation operation) {
        HostileRepos.commit(repos.core, "main", HostileRepos.entries().symlink(link.at(), target(link.target())), "link");
        List<String> before = HostileRepos.listing(outside);
        String path = operation == Operation.IS_DIRECTORY ? link.folder() : link.file();

        try (GitCheckout checkout = remote().checkout(GitRepos.url(repos.core), "main", "main")) {
            assertThatThrownBy(() -> run(operation, checkout, path))
                    .isInstanceOf(GitException.class)
                    .hasMessageContaining(GitRepos.url(repos.core) + " branch main")
                    .hasMessageContaining(link.at() + (link.at().equals(path) ? " is a symbolic link" : " (on the way to " + path + ") is a symbolic link"))
                    .hasMessageContaining("not even to a target inside it")
                    .hasMessageNotContaining("kubeconfig-token");
        }

        assertThat(HostileRepos.listing(outside)).isEqualTo(before);
        assertThat(outside.resolve("config")).hasContent(KUBECONFIG);
        assertThat(scratch).isEmptyDirectory();
    }

    static Stream<Arguments> submodule_operations() {
        return Stream.of("services/snd/04", "services/snd").flatMap(at -> Stream.of(Operation.values()).map(o -> Arguments.of(at, o)));
    }

    @ParameterizedTest(name = "{1} at or under a submodule at {0}")
    @MethodSource("submodule_operations")
    void every_checkout_operation_refuses_a_submodule_on_the_way(String at, Operation operation) {
        HostileRepos.commit(repos.core, "main", HostileRepos.entries().submodule(at), "submodule");
        String path = operation == Operation.IS_DIRECTORY ? "services/snd/04" : "services/snd/04/kustomization.yaml";

        try (GitCheckout checkout = remote().checkout(GitRepos.url(repos.core), "main", "main")) {
            assertThatThrownBy(() -> run(operation, checkout, path))
                    .isInstanceOf(GitException.class)
                    .hasMessageContaining(GitRepos.url(repos.core) + " branch main")
                    .hasMessageContaining(at + (at.equals(path) ? "" : " (on the way to " + path + ")") + " is a submodule (gitlink)");
        }
    }

    // --- seed ---

    @Test
    void seed_refuses_an_environment_folder_linked_outside_and_writes_nothing_there() {
        HostileRepos.commit(repos.core, "main", HostileRepos.entries().symlink("clusters/snd", outside.toString()), "link");
        Map<String, String> core = HostileRepos.refs(repos.core);
        Map<String, String> services = HostileRepos.refs(repos.services);

        assertThatThrownBy(() -> seed(false))
                .isInstanceOf(GitException.class)
                .hasMessage("refused " + GitRepos.url(repos.core) + " branch main: clusters/snd (on the way to "
                        + "clusters/snd/04/kustomization.yaml) is a symbolic link to " + outside + "; aksflux does not follow"
                        + " symbolic links in a repository, not even to a target inside it, because Flux resolves them in its"
                        + " own checkout; replace it with a real folder or file. Nothing was pushed.");

        assertThat(HostileRepos.listing(outside)).containsExactlyInAnyOrder("", "config");
        assertThat(HostileRepos.refs(repos.core)).isEqualTo(core);
        assertThat(HostileRepos.refs(repos.services)).isEqualTo(services);
        assertThat(scratch).isEmptyDirectory();
    }

    @Test
    void a_linked_kustomization_in_the_services_repository_stops_the_seed_before_the_core_repository_is_pushed() {
        String base = "services/environments/snd/base/kustomization.yaml";
        HostileRepos.commit(repos.services, "main", HostileRepos.entries().symlink(base, outside.resolve("config").toString()), "link");
        Map<String, String> core = HostileRepos.refs(repos.core);
        Map<String, String> services = HostileRepos.refs(repos.services);

        assertThatThrownBy(() -> seed(false))
                .isInstanceOf(GitException.class)
                .hasMessageStartingWith("refused " + GitRepos.url(repos.services) + " branch main: " + base + " is a symbolic link")
                .hasMessageEndingWith("Nothing was pushed.")
                .hasMessageNotContaining("kubeconfig-token");

        assertThat(outside.resolve("config")).hasContent(KUBECONFIG); // no "resources:" appended to it
        assertThat(HostileRepos.refs(repos.core)).isEqualTo(core);
        assertThat(HostileRepos.refs(repos.services)).isEqualTo(services);
    }

    @Test
    void dry_run_refuses_a_linked_kustomization_instead_of_reporting_the_content_it_points_to() {
        HostileRepos.commit(repos.services, "main", HostileRepos.entries()
                .symlink("services/environments/snd/base/kustomization.yaml", outside.resolve("config").toString()), "link");

        assertThatThrownBy(() -> seed(true))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("services/environments/snd/base/kustomization.yaml is a symbolic link")
                .hasMessageNotContaining("kubeconfig-token");
    }

    @Test
    void seed_refuses_a_dangling_link_and_creates_nothing_where_it_points() {
        Path target = outside.resolve("created-by-aksflux.yaml");
        HostileRepos.commit(repos.core, "main", HostileRepos.entries().symlink("clusters/snd/04/kustomization.yaml", target.toString()), "link");
        Map<String, String> core = HostileRepos.refs(repos.core);

        assertThatThrownBy(() -> seed(false))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("clusters/snd/04/kustomization.yaml is a symbolic link to " + target);

        assertThat(target).doesNotExist();
        assertThat(HostileRepos.refs(repos.core)).isEqualTo(core);
    }

    @Test
    void seed_refuses_a_link_even_when_its_target_is_inside_the_repository() {
        HostileRepos.commit(repos.core, "main", HostileRepos.entries().symlink("clusters/snd/04", "01"), "link");
        Map<String, String> core = HostileRepos.refs(repos.core);

        assertThatThrownBy(() -> seed(false))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("clusters/snd/04 (on the way to clusters/snd/04/kustomization.yaml) is a symbolic link to 01")
                .hasMessageContaining("not even to a target inside it, because Flux resolves them in its own checkout");

        assertThat(HostileRepos.refs(repos.core)).isEqualTo(core);
    }

    @Test
    void seed_refuses_a_submodule_at_an_environment_folder_and_leaves_it_in_place() {
        HostileRepos.commit(repos.services, "main", HostileRepos.entries().submodule("services/environments/snd/04"), "submodule");
        Map<String, String> services = HostileRepos.refs(repos.services);
        Map<String, String> core = HostileRepos.refs(repos.core);

        assertThatThrownBy(() -> seed(false))
                .isInstanceOf(GitException.class)
                .hasMessageStartingWith("refused " + GitRepos.url(repos.services) + " branch main: services/environments/snd/04"
                        + " (on the way to services/environments/snd/04/kustomization.yaml) is a submodule (gitlink); aksflux never"
                        + " replaces a submodule with a folder")
                .hasMessageEndingWith("Nothing was pushed.");

        assertThat(HostileRepos.mode(repos.services, "main", "services/environments/snd/04")).contains(FileMode.GITLINK);
        assertThat(HostileRepos.refs(repos.services)).isEqualTo(services);
        assertThat(HostileRepos.refs(repos.core)).isEqualTo(core);
    }

    @Test
    void a_review_branch_seed_refuses_a_link_on_the_configured_branch_it_starts_from() {
        HostileRepos.commit(repos.core, "main", HostileRepos.entries().symlink("infra/snd", outside.toString()), "link");
        Map<String, String> core = HostileRepos.refs(repos.core);

        assertThatThrownBy(() -> repos.seed(repos.environment("snd4"), remote(), "seed-snd4", false))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("branch seed-snd4: infra/snd (on the way to infra/snd/base/kustomization.yaml) is a symbolic link");

        assertThat(HostileRepos.refs(repos.core)).isEqualTo(core).doesNotContainKey("refs/heads/seed-snd4");
        assertThat(HostileRepos.listing(outside)).containsExactlyInAnyOrder("", "config");
    }

    // --- huge, binary and non-YAML files at the paths aksflux reads ---

    @Test
    void a_huge_kustomization_is_refused_naming_its_size_and_the_limit() {
        String base = "services/environments/snd/base/kustomization.yaml";
        HostileRepos.commit(repos.services, "main", HostileRepos.entries().huge(base, 5 * 1024 * 1024), "huge");
        Map<String, String> services = HostileRepos.refs(repos.services);

        for (boolean dryRun : new boolean[]{true, false}) {
            assertThatThrownBy(() -> seed(dryRun))
                    .isInstanceOf(GitException.class)
                    .hasMessage("refused " + GitRepos.url(repos.services) + " branch main: " + base + " is 5.0 MiB, more than the"
                            + " 1.0 MiB aksflux reads from a repository, so it is not a file aksflux seeds; move it or make it"
                            + " the file the template expects. Nothing was pushed.");
        }
        assertThat(HostileRepos.refs(repos.services)).isEqualTo(services);
    }

    @Test
    void a_binary_file_at_a_seeded_path_is_refused_as_binary() {
        String notification = "services/environments/snd/base/notification.yaml";
        HostileRepos.commit(repos.services, "main", HostileRepos.entries().binary(notification), "binary");
        Map<String, String> services = HostileRepos.refs(repos.services);

        assertThatThrownBy(() -> seed(false))
                .isInstanceOf(GitException.class)
                .hasMessageStartingWith("refused " + GitRepos.url(repos.services) + " branch main: " + notification
                        + " is binary, not UTF-8 text")
                .hasMessageEndingWith("Nothing was pushed.");

        assertThat(HostileRepos.refs(repos.services)).isEqualTo(services);
    }

    @Test
    void a_kustomization_that_is_not_yaml_is_left_as_it_is_and_reported_as_drift() {
        String base = "services/environments/snd/base/kustomization.yaml";
        String broken = "resources: [unclosed\n  - : : :\n\t{{ not yaml\n";
        HostileRepos.commit(repos.services, "main", HostileRepos.entries().file(base, broken), "broken");

        SeedResult result = seed(false);

        assertThat(result.changes()).filteredOn(c -> c.path().equals(base)).singleElement()
                .extracting(Change.Git::drifted).isEqualTo(true);
        assertThat(repos.progress.lines()).contains("warning: services: " + base
                + " differs from the template and is not merged; left as it is (drift)");
        assertThat(GitRepos.read(repos.services, "main", base)).contains(broken);
    }

    @Test
    void a_file_where_an_environment_folder_belongs_is_refused_naming_it() {
        HostileRepos.commit(repos.core, "main", HostileRepos.entries().file("clusters/snd/04", "not a folder\n"), "file");

        assertThatThrownBy(() -> seed(false))
                .isInstanceOf(GitException.class)
                .hasMessage("refused " + GitRepos.url(repos.core) + " branch main: clusters/snd/04 (on the way to"
                        + " clusters/snd/04/kustomization.yaml) is a file where aksflux needs a folder; rename or move it."
                        + " Nothing was pushed.");
    }

    @Test
    void a_folder_where_a_seeded_file_belongs_is_refused_naming_it() {
        HostileRepos.commit(repos.core, "main", HostileRepos.entries().file("clusters/snd/04/kustomization.yaml/README.md", "# a folder\n"), "folder");

        assertThatThrownBy(() -> seed(false))
                .isInstanceOf(GitException.class)
                .hasMessage("refused " + GitRepos.url(repos.core) + " branch main: clusters/snd/04/kustomization.yaml is a"
                        + " folder where aksflux needs a file; rename or move it. Nothing was pushed.");
    }

    // --- plan and apply's path check ---

    @Test
    void the_online_plan_refuses_a_link_instead_of_reading_through_it() {
        HostileRepos.commit(repos.core, "main", HostileRepos.entries().symlink("services/snd", outside.toString()), "link");
        List<String> overrides = List.of("repos.core.url=" + GitRepos.url(repos.core), "repos.services.url=" + GitRepos.url(repos.services));

        assertThatThrownBy(() -> repos.workspace().plan("snd4", overrides, FakeArm.healthy(repos.environment("snd4")), remote(),
                io.aksflux.secret.SecretSource.NONE, new SimulatedTicker().pacing(), false))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("services/snd (on the way to services/snd/04/kustomization.yaml) is a symbolic link to " + outside);
        assertThat(scratch).isEmptyDirectory();
    }

    @Test
    void apply_path_check_refuses_a_kustomization_path_linked_to_a_folder_that_exists() {
        Environment snd4 = repos.environment("snd4");
        repos.seed("snd4");
        HostileRepos.commit(repos.core, "main", HostileRepos.entries().symlink("clusters/snd/04", "01"), "link");

        assertThatThrownBy(() -> KustomizationPaths.check(snd4, remote()))
                .isInstanceOf(GitException.class)
                .hasMessage("refused " + GitRepos.url(repos.core) + " branch main: ./clusters/snd/04 is a symbolic link to 01;"
                        + " aksflux does not follow symbolic links in a repository, not even to a target inside it, because Flux"
                        + " resolves them in its own checkout; replace it with a real folder or file. aksflux only read the"
                        + " repository and changed nothing.");
    }

    @Test
    void apply_path_check_refuses_a_kustomization_path_that_is_a_submodule() {
        Environment snd4 = repos.environment("snd4");
        repos.seed("snd4");
        HostileRepos.commit(repos.core, "main", HostileRepos.entries().submodule("infra/snd/04"), "submodule");

        assertThatThrownBy(() -> KustomizationPaths.check(snd4, remote()))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("./infra/snd/04 is a submodule (gitlink)");
    }

    private SeedResult seed(boolean dryRun) {
        return repos.seed(repos.environment("snd4"), remote(), null, dryRun);
    }

    private GitRemote remote() {
        return new JGitRemote(new GitCredentials(Map.of(), Optional::empty), scratch);
    }

    private String target(String target) {
        return target.replace("OUTSIDE", outside.toString());
    }

    private static void run(Operation operation, GitCheckout checkout, String path) {
        switch (operation) {
            case READ -> checkout.read(path);
            case WRITE -> checkout.write(path, "resources: []\n");
            case IS_DIRECTORY -> checkout.isDirectory(path);
        }
    }
}
