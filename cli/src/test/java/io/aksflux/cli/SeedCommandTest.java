package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        core = Repos.bare(dir, "core");
        services = Repos.bare(dir, "services");
    }

    @Test
    void seed_writes_the_files_and_prints_what_it_pushed_then_a_second_run_has_nothing_to_do() {
        Cli.Result first = seed("--detailed-exitcode");

        assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.CHANGES);
        assertThat(first.out()).startsWith("Seed snd4\n").containsSubsequence("Git repository 'core' " + Repos.url(core) + " branch main",
                "  + clusters/snd/04/kustomization.yaml", "  committed ", " and pushed to main",
                "Git repository 'services'", "  + services/environments/snd/04/kustomization.yaml");
        Cli.Result second = seed("--detailed-exitcode");
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.OK);
        assertThat(second.out()).contains("  = clusters/snd/04/kustomization.yaml", "  up to date: nothing to commit");
    }

    @Test
    void dry_run_json_is_one_object_with_the_git_changes_and_writes_nothing() throws Exception {
        String before = Repos.head(core);

        Cli.Result result = seed("--dry-run", "-o", "json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode json = JSON.readTree(result.out());
        assertThat(json.get("environment").asText()).isEqualTo("snd4");
        assertThat(json.get("dryRun").asBoolean()).isTrue();
        assertThat(json.at("/repos/0/repo").asText()).isEqualTo("core");
        assertThat(json.at("/repos/0/commit").isNull()).isTrue();
        assertThat(json.at("/repos/0/changes/0/target").asText()).isEqualTo("git");
        assertThat(json.at("/repos/0/changes/0/action").asText()).isEqualTo("create");
        assertThat(Repos.head(core)).isEqualTo(before);
    }

    @Test
    void drift_is_shown_as_a_unified_diff_under_its_line_and_as_a_diff_field_in_json() throws Exception {
        Repos.commit(core, java.util.Map.of("services/base/repository.yaml", """
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
                """.formatted(Repos.url(services));

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
        Repos.symlink(services, "services/environments/snd/base/kustomization.yaml", kubeconfig, "link");
        String before = Repos.head(services);

        Cli.Result result = seed("--dry-run", "-o", "json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.out()).doesNotContain("do-not-print-this");
        assertThat(result.err()).contains("refused " + Repos.url(services) + " branch main: services/environments/snd/base/"
                + "kustomization.yaml is a symbolic link to " + kubeconfig).doesNotContain("do-not-print-this");
        assertThat(Repos.head(services)).isEqualTo(before);
        assertThat(kubeconfig).hasContent("users:\n- user:\n    token: do-not-print-this\n");
    }

    private Cli.Result seed(String... extra) {
        String[] base = {"seed", "snd4", "--environments", Cli.ENVIRONMENTS,
                "--set", "repos.core.url=" + Repos.url(core), "--set", "repos.services.url=" + Repos.url(services)};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Cli.run(args);
        }
}
