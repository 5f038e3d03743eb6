package io.aksflux.seed;

import io.aksflux.seed.YamlText;
import io.aksflux.change.SeedResult;
import io.aksflux.engine.Workspace;
import io.aksflux.environment.Environment;
import io.aksflux.change.Action;
import io.aksflux.change.Change;
import io.aksflux.support.GitRepos;
import io.aksflux.support.KustomizeBuilds;
import io.aksflux.support.KustomizeBuilds.Builds;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.ReferencePlatform;
import io.aksflux.support.SeedFixture;
import io.aksflux.support.Workspaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The adp layout against the reference platform's own repositories (the snapshots in reference/adp-platform as bare
 * repositories): seeding its nine environments changes nothing Flux builds, and a new instance or a new environment
 * code gets folders shaped like the platform's own, on which its service scaffolding (New-FluxServices.ps1) works.
 */
class ReferencePlatformSeedTest {
    static final List<String> SHIPPED = List.of("snd1", "snd2", "snd3", "snd4", "dev1", "tst1", "tst2", "pre1", "prd1");

    @TempDir
    static Path environments;
    @TempDir
    Path dir;
    private final RecordingProgress progress = new RecordingProgress();

    /** The shipped environment files plus snd5 (a new instance of snd) and ops1 (a new environment code). */
    @BeforeAll
    static void environmentFiles() throws IOException {
        try (var files = Files.list(Workspaces.environments())) {
            for (Path file : files.toList()) {
                Files.copy(file, environments.resolve(file.getFileName()));
            }
        }
        String snd4 = Files.readString(Workspaces.environments().resolve("snd4.yaml"));
        Files.writeString(environments.resolve("snd5.yaml"), snd4.replace("1404", "1405").replace("snd4", "snd5").replace("snd/04", "snd/05"));
        Files.writeString(environments.resolve("ops1.yaml"), snd4.replace("SND", "OPS").replace("1404", "1401")
                .replace("snd4", "ops1").replace("snd environment, instance 4", "ops environment, instance 1").replace("snd/04", "ops/01"));
    }

    private Workspace workspace() {
        return Workspaces.of(environments, Map.of());
    }

    private Environment environment(ReferencePlatform platform, String name) {
        List<String> overrides = new ArrayList<>(platform.repositoryOverrides());
        overrides.addAll(List.of("git.author.name=Platform Team", "git.author.email=platform@example.com"));
        return workspace().environment(name, overrides);
    }

    private SeedResult seed(ReferencePlatform platform, String name, boolean dryRun) {
        return workspace().seed(environment(platform, name), new Workspace.SeedOptions(dryRun, null), SeedFixture.localRemote(), io.aksflux.kustomize.Kubectl.onPath(System.getenv("PATH")), progress);
    }

    private static Change.Git change(SeedResult result, String repo, String path) {
        return result.changes().stream().filter(c -> c.repo().equals(repo) && c.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no change for " + repo + ":" + path));
    }

    private static String instanceFolder(String environment) {
        return environment.substring(0, 3) + "/0" + environment.substring(3);
    }

    /** The snapshots' builds: all of the core repository, and services/environments of the services repository. */
    private static Builds coreBefore() {
        return ReferencePlatform.snapshotBuilds(ReferencePlatform.CORE, ".");
    }

    private static Builds servicesBefore() {
        return ReferencePlatform.snapshotBuilds(ReferencePlatform.SERVICES, "services/environments");
    }

    @Test
    void seeding_each_shipped_environment_only_gives_its_empty_cluster_folder_resources_and_changes_no_other_build() {
        ReferencePlatform platform = ReferencePlatform.create(dir);

        for (String environment : SHIPPED) {
            String folder = instanceFolder(environment);
            SeedResult result = seed(platform, environment, false);

            // the one write: kubectl kustomize rejects the platform's clusters/<code>/<nn> (only apiVersion/kind) as empty
            assertThat(result.changes().stream().filter(c -> c.action() != Action.NONE)).as(environment)
                    .extracting(Change.Git::action, Change.Git::repo, Change.Git::path)
                    .containsExactly(tuple(Action.UPDATE, "core", "clusters/" + folder + "/kustomization.yaml"));
            assertThat(change(result, "core", "clusters/" + folder + "/kustomization.yaml").content())
                    .isEqualTo("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n");
            // drift, each a real difference: the cluster reads the services repository over ssh with a deploy key
            // while the environment names the URL aksflux pushes to; snd/02 reads ../base-sandpit, not ../base
            List<String> drift = new ArrayList<>(List.of("core:services/base/repository.yaml"));
            if (environment.equals("snd2")) {
                drift.add("services:services/environments/snd/02/kustomization.yaml");
            }
            assertThat(result.changes().stream().filter(Change.Git::drifted).map(c -> c.repo() + ":" + c.path())).as(environment)
                    .containsExactlyElementsOf(drift);
        }

        Builds core = KustomizeBuilds.all(platform.checkoutCore());
        Builds services = KustomizeBuilds.under(platform.checkoutServices(), "services/environments");
        assertThat(core.brokenSince(coreBefore())).isEmpty();
        assertThat(core.addedSince(coreBefore())).isEmpty();
        assertThat(core.changedSince(coreBefore())).containsExactly("clusters/dev/01", "clusters/prd/01", "clusters/pre/01",
                "clusters/snd/01", "clusters/snd/02", "clusters/snd/03", "clusters/snd/04", "clusters/tst/01", "clusters/tst/02");
        assertThat(core.failing()).isEmpty();
        assertThat(services.changedSince(servicesBefore())).isEmpty();
        assertThat(services.addedSince(servicesBefore())).isEmpty();
        assertThat(GitRepos.log(platform.services(), "main")).as("nothing to write in the services repository").hasSize(1);
        assertThat(GitRepos.log(platform.core(), "main")).as("one commit per environment").hasSize(10);
    }

    @Test
    void a_dry_run_against_the_platform_writes_nothing_and_shows_each_drift_as_a_diff_of_the_objects() {
        ReferencePlatform platform = ReferencePlatform.create(dir);

        SeedResult result = seed(platform, "snd2", true);

        assertThat(change(result, "core", "services/base/repository.yaml").diff()).isEqualTo("""
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
                """.formatted(platform.servicesUrl()));
        assertThat(change(result, "services", "services/environments/snd/02/kustomization.yaml").diff()).isEqualTo("""
                --- services/environments/snd/02/kustomization.yaml (repository)
                +++ services/environments/snd/02/kustomization.yaml (template)
                @@ -3,5 +3,5 @@
                 metadata:
                   name: cluster-base
                 resources:
                -  - ../base-sandpit
                +  - ../base
                   - ps-exec-image-policy.yaml
                """);
        assertThat(result.changes().stream().filter(c -> !c.drifted())).allSatisfy(c -> assertThat(c.diff()).isNull());
        assertThat(result.repos()).allSatisfy(r -> assertThat(r.commit()).isNull());
        assertThat(GitRepos.log(platform.core(), "main")).hasSize(1);
        assertThat(GitRepos.log(platform.services(), "main")).hasSize(1);
    }

    @Test
    void a_new_instance_of_an_existing_code_gets_the_folders_its_siblings_have_and_every_build_still_passes() throws IOException {
        ReferencePlatform platform = ReferencePlatform.create(dir);
        Builds coreBefore = coreBefore();
        Builds servicesBefore = servicesBefore();

        SeedResult result = seed(platform, "snd5", false);

        assertThat(result.changes().stream().filter(c -> c.action() != Action.NONE)).extracting(Change.Git::action, Change.Git::repo, Change.Git::path)
                .containsExactly(
                        tuple(Action.CREATE, "core", "clusters/snd/05/kustomization.yaml"),
                        tuple(Action.CREATE, "core", "infra/snd/05/kustomization.yaml"),
                        tuple(Action.CREATE, "core", "services/snd/05/kustomization.yaml"),
                        tuple(Action.CREATE, "core", "services/snd/05/services.yaml"),
                        tuple(Action.CREATE, "services", "services/environments/snd/05/kustomization.yaml"),
                        tuple(Action.CREATE, "services", "services/environments/snd/05/kustomize.yaml"),
                        tuple(Action.CREATE, "services", "services/environments/snd/05/ps-exec-image-policy.yaml"));
        Path core = platform.checkoutCore();
        Path services = platform.checkoutServices();
        Builds coreAfter = KustomizeBuilds.all(core);
        Builds servicesAfter = KustomizeBuilds.under(services, "services/environments");
        assertThat(coreAfter.brokenSince(coreBefore)).isEmpty();
        assertThat(servicesAfter.brokenSince(servicesBefore)).isEmpty();
        assertThat(coreAfter.addedSince(coreBefore)).containsExactly("clusters/snd/05", "infra/snd/05", "services/snd/05");
        assertThat(servicesAfter.addedSince(servicesBefore)).containsExactly("services/environments/snd/05");
        assertThat(coreAfter.get("clusters/snd/05").passed()).isTrue();
        assertThat(coreAfter.get("services/snd/05").passed()).isTrue();
        assertThat(servicesAfter.get("services/environments/snd/05").passed()).isTrue();
        // the same objects as the sibling snd/04, its own instance in paths and names
        assertThat(coreAfter.get("infra/snd/05").output()).isEqualTo(coreAfter.get("infra/snd/base").output());
        assertSameDocuments(core.resolve("services/snd/05/services.yaml"), core.resolve("services/snd/04/services.yaml"), "snd/04", "snd/05");
        assertSameDocuments(core.resolve("services/snd/05/kustomization.yaml"), core.resolve("services/snd/02/kustomization.yaml"), "", "");
        assertSameDocuments(services.resolve("services/environments/snd/05/kustomize.yaml"),
                services.resolve("services/environments/snd/04/kustomize.yaml"), "snd/04", "snd/05");
        assertSameDocuments(services.resolve("services/environments/snd/05/ps-exec-image-policy.yaml"),
                services.resolve("services/environments/snd/04/ps-exec-image-policy.yaml"), "snd-04", "snd-05");
        assertThat(resources(services.resolve("services/environments/snd/05/kustomization.yaml")))
                .containsExactly("../base", "ps-exec-image-policy.yaml");
        assertThat(servicesAfter.get("services/environments/snd/05").output())
                .contains("name: powershell-executor-snd-05", "name: azureeventhub-alert", "name: image-automation");
    }

    @Test
    void a_new_environment_code_gets_a_base_and_an_instance_shaped_like_the_platforms_codes() throws IOException {
        ReferencePlatform platform = ReferencePlatform.create(dir);
        Builds coreBefore = coreBefore();
        Builds servicesBefore = servicesBefore();

        SeedResult result = seed(platform, "ops1", false);

        assertThat(result.changes().stream().filter(c -> c.action() != Action.NONE)).extracting(Change.Git::repo, Change.Git::path)
                .containsExactly(
                        tuple("core", "clusters/ops/01/kustomization.yaml"),
                        tuple("core", "infra/ops/base/kustomization.yaml"),
                        tuple("core", "infra/ops/base/platform-team-aso-secret.yaml"),
                        tuple("core", "infra/ops/base/priority-class.yaml"),
                        tuple("core", "infra/ops/01/kustomization.yaml"),
                        tuple("core", "services/ops/01/kustomization.yaml"),
                        tuple("core", "services/ops/01/services.yaml"),
                        tuple("services", "services/environments/ops/base/kustomization.yaml"),
                        tuple("services", "services/environments/ops/base/image-update.yaml"),
                        tuple("services", "services/environments/ops/base/notification.yaml"),
                        tuple("services", "services/environments/ops/01/kustomization.yaml"),
                        tuple("services", "services/environments/ops/01/kustomize.yaml"),
                        tuple("services", "services/environments/ops/01/ps-exec-image-policy.yaml"));
        Path core = platform.checkoutCore();
        Path services = platform.checkoutServices();
        Builds coreAfter = KustomizeBuilds.all(core);
        Builds servicesAfter = KustomizeBuilds.under(services, "services/environments");
        assertThat(coreAfter.brokenSince(coreBefore)).isEmpty();
        assertThat(servicesAfter.brokenSince(servicesBefore)).isEmpty();
        assertThat(coreAfter.addedSince(coreBefore)).containsExactly("clusters/ops/01", "infra/ops/01", "infra/ops/base", "services/ops/01");
        assertThat(servicesAfter.addedSince(servicesBefore)).containsExactly("services/environments/ops/01", "services/environments/ops/base");
        assertThat(coreAfter.failing()).isEqualTo(coreBefore.failing());
        assertThat(servicesAfter.failing()).isEmpty();
        // the per-code objects every code of the platform has, identical to tst's
        for (String file : List.of("platform-team-aso-secret.yaml", "priority-class.yaml")) {
            assertSameDocuments(core.resolve("infra/ops/base/" + file), core.resolve("infra/tst/base/" + file), "", "");
        }
        for (String file : List.of("image-update.yaml", "notification.yaml")) {
            assertSameDocuments(services.resolve("services/environments/ops/base/" + file), services.resolve("services/environments/tst/base/" + file), "", "");
        }
        assertThat(resources(core.resolve("infra/ops/base/kustomization.yaml"))).containsExactly("platform-team-aso-secret.yaml", "priority-class.yaml");
        assertThat(resources(services.resolve("services/environments/ops/base/kustomization.yaml"))).containsExactly("image-update.yaml", "notification.yaml");
        assertSameDocuments(core.resolve("services/ops/01/services.yaml"), core.resolve("services/tst/01/services.yaml"), "tst/01", "ops/01");
        assertSameDocuments(services.resolve("services/environments/ops/01/kustomize.yaml"),
                services.resolve("services/environments/tst/01/kustomize.yaml"), "tst/01", "ops/01");
    }

    @Test
    void the_platforms_scaffolding_works_unchanged_on_a_seeded_new_code() throws IOException {
        ReferencePlatform platform = ReferencePlatform.create(dir);
        seed(platform, "ops1", false);
        Path services = platform.checkoutServices();
        Path environments = services.resolve("services/environments");
        Path base = environments.resolve("ops/base/kustomization.yaml");
        String seeded = Files.readString(base);

        // New-FluxServices.ps1 for programme fcp, team fcp-demo, environment ops, instance 1, as it writes them
        Path templates = ReferencePlatform.tree(ReferencePlatform.INFRASTRUCTURE).resolve("flux-templates/templates/environments/environment");
        Files.copy(templates.resolve("kustomization.yaml"), environments.resolve("ops/01/kustomization.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(environments.resolve("ops/01/ps-exec-image-policy.yaml"), replaceTokens(templates.resolve("ps-exec-image-policy.yaml"),
                Map.of("__ENVIRONMENT__", "ops", "__ENV_INSTANCE__", "1")));
        addContentUnlessPresent(base, "  - ../../../fcp/fcp-demo/base/patch");
        addContentUnlessPresent(base, "  - ../../../adp-platform/kustomize.yaml");
        addContentUnlessPresent(base, "  - ../../../fcp/fcp-demo/base/patch"); // a second team run: Select-String finds it

        assertThat(seeded).endsWith("resources:\n  - image-update.yaml\n  - notification.yaml\n");
        assertThat(Files.readString(base)).isEqualTo(seeded + "  - ../../../fcp/fcp-demo/base/patch\n  - ../../../adp-platform/kustomize.yaml\n");
        assertThat(resources(base)).containsExactly("image-update.yaml", "notification.yaml",
                "../../../fcp/fcp-demo/base/patch", "../../../adp-platform/kustomize.yaml");
        Builds builds = KustomizeBuilds.under(services, "services/environments/ops");
        assertThat(builds.failing()).isEmpty();
        assertThat(builds.get("services/environments/ops/01").output()).contains("name: fcp-demo", "name: adp-platform-base",
                "name: powershell-executor-ops-01", "path: ./services/environments/ops/01");
        // a second seed keeps the team entries and the scaffolded files: nothing to write
        commitAll(services);
        SeedResult again = seed(platform, "ops1", true);
        assertThat(again.changes().stream().filter(c -> c.action() != Action.NONE)).isEmpty();
        assertThat(again.changes().stream().filter(Change.Git::drifted).map(Change.Git::path)).containsExactly("services/base/repository.yaml");
    }

    private static void commitAll(Path workTree) {
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(workTree.toFile())) {
            git.add().addFilepattern(".").call();
            org.eclipse.jgit.lib.PersonIdent who = new org.eclipse.jgit.lib.PersonIdent("Devops", "ado@noemail.com");
            git.commit().setMessage("Add Flux Services for fcp").setAuthor(who).setCommitter(who).setSign(false).call();
            git.push().call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Select-String -Pattern LINE, then Add-Content -Value LINE when absent: the line and a newline, at the end. */
    static void addContentUnlessPresent(Path file, String line) throws IOException {
        boolean present = Files.readAllLines(file).stream().anyMatch(l -> java.util.regex.Pattern.compile(line).matcher(l).find());
        if (!present) {
            Files.writeString(file, line + "\n", StandardOpenOption.APPEND);
        }
    }

    /** ReplaceTokens of New-FluxServices.ps1: each token replaced line by line, written with a newline after each line. */
    static String replaceTokens(Path template, Map<String, String> tokens) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(template)) {
            for (var token : tokens.entrySet()) {
                line = line.replace(token.getKey(), token.getValue());
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    static List<String> resources(Path kustomization) throws IOException {
        Map<String, Object> doc = new Yaml().load(Files.readString(kustomization));
        return (List<String>) doc.get("resources");
    }

    /** Both files hold the same YAML documents once {@code from} is replaced by {@code to} in the sibling's text. */
    static void assertSameDocuments(Path seeded, Path sibling, String from, String to) throws IOException {
        String expected = from.isEmpty() ? Files.readString(sibling) : Files.readString(sibling).replace(from, to);
        assertThat(YamlText.sameDocuments(Files.readString(seeded), expected))
                .as("%s holds the same objects as %s:%n%s", seeded.getFileName(), sibling, YamlText.unifiedDiff(seeded.toString(), expected, Files.readString(seeded)))
                .isTrue();
    }
}
