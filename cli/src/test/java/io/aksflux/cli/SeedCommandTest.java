package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aksflux.support.GitRepos;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code aksflux seed} through the real command line, against bare repositories in a temporary folder. */
class SeedCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path core;
    private Path services;

    @BeforeEach
    void repositories() {
        core = GitRepos.named(dir, "core");
        services = GitRepos.named(dir, "services");
    }

    @Test
    void seed_writes_the_files_and_prints_what_it_pushed_then_a_second_run_has_nothing_to_do() {
        Cli.Result first = seed("--detailed-exitcode");

        assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.CHANGES);
        assertThat(first.out()).startsWith("Seed snd4\n").containsSubsequence("Git repository 'core' " + GitRepos.url(core) + " branch main",
                "  + clusters/snd/04/kustomization.yaml", "  committed ", " and pushed to main",
                "Git repository 'services'", "  + services/environments/snd/04/kustomization.yaml");
        Cli.Result second = seed("--detailed-exitcode");
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.OK);
        assertThat(second.out()).contains("  = clusters/snd/04/kustomization.yaml", "  up to date: nothing to commit");
    }

    @Test
    void dry_run_json_is_one_object_with_the_git_changes_and_writes_nothing() throws Exception {
        String before = GitRepos.head(core);

        Cli.Result result = seed("--dry-run", "-o", "json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode json = JSON.readTree(result.out());
        assertThat(json.get("environment").asText()).isEqualTo("snd4");
        assertThat(json.get("dryRun").asBoolean()).isTrue();
        assertThat(json.at("/repos/0/repo").asText()).isEqualTo("core");
        assertThat(json.at("/repos/0/commit").isNull()).isTrue();
        assertThat(json.at("/repos/0/changes/0/target").asText()).isEqualTo("git");
        assertThat(json.at("/repos/0/changes/0/action").asText()).isEqualTo("create");
        assertThat(GitRepos.head(core)).isEqualTo(before);
    }

    @Test
    void drift_is_shown_as_a_unified_diff_under_its_line_and_as_a_diff_field_in_json() throws Exception {
        GitRepos.commit(core, java.util.Map.of("services/base/repository.yaml", """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata:
                  name: services-repository
                  namespace: flux-config
                spec:
                  interval: 2m30s
                  ref:
                    branch: main
                  url: ssh://git@github.com/DEFRA/adp-flux-services/
                  secretRef:
                    name: adp-platform-secrets
                """), "the platform's own");
        String diff = """
                --- services/base/repository.yaml (repository)
                +++ services/base/repository.yaml (template)
                @@ -7,6 +7,6 @@
                   interval: 2m30s
                   ref:
                     branch: main
                -  url: ssh://git@github.com/DEFRA/adp-flux-services/
                +  url: %s
                   secretRef:
                     name: adp-platform-secrets
                """.formatted(GitRepos.url(services));

        Cli.Result text = seed("--dry-run");
        Cli.Result json = seed("--dry-run", "-o", "json");

        assertThat(text.out()).contains("  ! services/base/repository.yaml  differs from the template; left as it is (drift)\n"
                + diff.lines().map(l -> "      " + l + "\n").collect(java.util.stream.Collectors.joining()));
        JsonNode drift = JSON.readTree(json.out()).at("/repos/0/changes").findParents("drift").get(0);
        assertThat(drift.get("path").asText()).isEqualTo("services/base/repository.yaml");
        assertThat(drift.get("diff").asText()).isEqualTo(diff);
    }

    @Test
    void an_invalid_review_branch_is_refused_before_anything_is_read() {
        Cli.Result result = seed("--branch", "seed..snd4");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("error: --branch 'seed..snd4' is not a valid Git branch name");
    }

    @Test
    void dry_run_json_refuses_a_kustomization_linked_outside_the_repository_without_printing_what_it_points_to() throws Exception {
        Path kubeconfig = java.nio.file.Files.writeString(dir.resolve("kubeconfig"), "users:\n- user:\n    token: do-not-print-this\n");
        GitRepos.symlink(services, "services/environments/snd/base/kustomization.yaml", kubeconfig, "link");
        String before = GitRepos.head(services);

        Cli.Result result = seed("--dry-run", "-o", "json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.out()).doesNotContain("do-not-print-this");
        assertThat(result.err()).contains("refused " + GitRepos.url(services) + " branch main: services/environments/snd/base/"
                + "kustomization.yaml is a symbolic link to " + kubeconfig).doesNotContain("do-not-print-this");
        assertThat(GitRepos.head(services)).isEqualTo(before);
        assertThat(kubeconfig).hasContent("users:\n- user:\n    token: do-not-print-this\n");
    }

    @Test
    void a_seed_that_would_break_a_build_exits_1_naming_the_kustomization_the_file_and_the_reason_and_pushes_nothing() {
        // someone already put the Provider and Alert the seed brings into the base, under another file name
        String notification = io.aksflux.engine.Workspace.of(Path.of(Cli.ENVIRONMENTS), null, java.util.Map.of()).planOffline("snd4", java.util.List.of())
                .changes().stream().filter(c -> c instanceof io.aksflux.change.Change.Git g && g.path().equals("services/environments/snd/base/notification.yaml"))
                .map(c -> ((io.aksflux.change.Change.Git) c).content()).findFirst().orElseThrow();
        GitRepos.commit(services, java.util.Map.of(
                "services/environments/snd/base/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - events.yaml\n",
                "services/environments/snd/base/events.yaml", notification), "events to the hub, by hand");
        String coreBefore = GitRepos.head(core);
        String servicesBefore = GitRepos.head(services);

        Cli.Result result = seed();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).startsWith("error: seed of snd4 refused: it would break 2 kustomization build(s); nothing was pushed\n    services (")
                .contains("services (" + GitRepos.url(services) + "): kustomization services/environments/snd/base builds today and would fail: "
                        + "services/environments/snd/base/notification.yaml: may not add resource with an already registered id: Provider.")
                .contains("/azureeventhub.flux-config (already added from services/environments/snd/base/events.yaml)\n")
                .contains("kustomization services/environments/snd/04 (new) would not build: services/environments/snd/base/notification.yaml");
        assertThat(GitRepos.head(core)).as("core was fine, and is not pushed either").isEqualTo(coreBefore);
        assertThat(GitRepos.head(services)).isEqualTo(servicesBefore);
        assertThat(seed("--verify", "none").exitCode()).as("--verify none pushes anyway").isEqualTo(ExitCodes.OK);
    }

    @Test
    void like_copies_the_siblings_folders_renamed_and_an_unknown_sibling_is_refused_with_a_suggestion() {
        GitRepos.commit(core, java.util.Map.of("infra/snd/03/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../base\n  - snd-03-limits.yaml\n",
                "infra/snd/03/snd-03-limits.yaml", "apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: limits-snd-03\n  namespace: flux-config\n"),
                "snd3 infra");

        Cli.Result unknown = seed("--like", "snd9");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(unknown.err()).contains("seed.like: unknown environment 'snd9' (did you mean 'snd1'?); allowed: snd1, snd2, snd3");

        Cli.Result copied = seed("--like", "snd3");
        assertThat(copied.exitCode()).as(copied.toString()).isEqualTo(ExitCodes.OK);
        assertThat(copied.out()).contains("  + infra/snd/04/snd-04-limits.yaml");
        assertThat(GitRepos.files(core)).contains("infra/snd/04/snd-04-limits.yaml");
        assertThat(seed("--like", "snd3", "--detailed-exitcode").exitCode()).as("a re-run writes nothing").isEqualTo(ExitCodes.OK);
    }

    private Cli.Result seed(String... extra) {
        String[] base = {"seed", "snd4", "--environments", Cli.ENVIRONMENTS,
                "--set", "repos.core.url=" + GitRepos.url(core), "--set", "repos.services.url=" + GitRepos.url(services)};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Cli.run(args);
        }
}
