package io.aksflux.kustomize;

import io.aksflux.support.KustomizeBuilds;
import io.aksflux.support.ReferencePlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java builder's verdict agrees with {@code kubectl kustomize} folder by folder, on small cases and on the real core repo. */
class KustomizeBuilderTest {
    private static final String K = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n";

    @TempDir
    Path dir;

    private static String object(String apiVersion, String kind, String name, String namespace) {
        return "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata:\n  name: " + name + "\n"
                + (namespace == null ? "" : "  namespace: " + namespace + "\n");
    }

    /** Writes the files, then builds the folder with both; returns the Java build after checking kubectl agrees. */
    private Build agreeing(String folder, Map<String, String> files) throws IOException {
        for (var file : files.entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        Build java = new KustomizeBuilder(new DirectoryTree(dir)).build(folder);
        KustomizeBuilds.Build kubectl = KustomizeBuilds.kustomize(dir, folder);
        assertThat(java.passed()).as("java says %s, kubectl says %s", java.failure(), kubectl.error()).isEqualTo(kubectl.passed());
        return java;
    }

    @Test
    void a_second_object_with_the_same_id_fails_naming_both_files() throws IOException {
        Build build = agreeing("services/base", Map.of(
                "services/base/kustomization.yaml", K + "resources:\n  - repository.yaml\n  - services-repository.yaml\n",
                "services/base/repository.yaml", object("source.toolkit.fluxcd.io/v1", "GitRepository", "services-repository", "flux-config"),
                "services/base/services-repository.yaml", object("source.toolkit.fluxcd.io/v1", "GitRepository", "services-repository", "flux-config")));

        assertThat(build.file()).isEqualTo("services/base/services-repository.yaml");
        assertThat(build.reason()).isEqualTo("may not add resource with an already registered id: "
                + "GitRepository.v1.source.toolkit.fluxcd.io/services-repository.flux-config (already added from services/base/repository.yaml)");
    }

    @Test
    void ids_differing_only_in_version_do_not_collide_but_no_namespace_and_default_do() throws IOException {
        assertThat(agreeing("a", Map.of("a/kustomization.yaml", K + "resources: [one.yaml, two.yaml]\n",
                "a/one.yaml", object("source.toolkit.fluxcd.io/v1", "GitRepository", "s", null),
                "a/two.yaml", object("source.toolkit.fluxcd.io/v1beta2", "GitRepository", "s", null))).passed()).isTrue();
        assertThat(agreeing("b", Map.of("b/kustomization.yaml", K + "resources: [one.yaml, two.yaml]\n",
                "b/one.yaml", object("v1", "ConfigMap", "m", null),
                "b/two.yaml", object("v1", "ConfigMap", "m", "default"))).passed()).isFalse();
    }

    @Test
    void a_kustomization_with_only_apiVersion_and_kind_is_empty_but_an_empty_resources_list_is_not() throws IOException {
        Build empty = agreeing("clusters/snd/04", Map.of("clusters/snd/04/kustomization.yaml", K));
        assertThat(empty.reason()).isEqualTo("kustomization.yaml is empty");
        assertThat(agreeing("clusters/snd/05", Map.of("clusters/snd/05/kustomization.yaml", K + "resources: []\n")).passed()).isTrue();
        assertThat(agreeing("named", Map.of("named/kustomization.yaml", K + "metadata:\n  name: x\n")).passed()).isTrue();
    }

    @Test
    void missing_files_folders_without_a_kustomization_and_unknown_fields_fail() throws IOException {
        assertThat(agreeing("f", Map.of("f/kustomization.yaml", K + "resources: [nofile.yaml]\n")).reason())
                .startsWith("accumulating resources from 'nofile.yaml': no such file or directory");
        assertThat(agreeing("g", Map.of("g/kustomization.yaml", K + "resources: [sub]\n", "g/sub/readme.md", "x\n")).reason())
                .startsWith("unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory 'g/sub'");
        assertThat(agreeing("u", Map.of("u/kustomization.yaml", K + "resources: []\nfoo: 1\n")).reason())
                .isEqualTo("invalid Kustomization: unknown field \"foo\"");
        assertThat(agreeing("y", Map.of("y/kustomization.yml", K + "resources: [cm.yaml]\n", "y/cm.yaml", object("v1", "ConfigMap", "m", null))).passed())
                .isTrue();
    }

    @Test
    void a_patch_without_target_must_find_its_object_by_group_version_kind_namespace_and_name() throws IOException {
        Build stale = agreeing("p", Map.of("p/kustomization.yaml", K + "resources: [r.yaml]\npatches:\n  - path: patch.yaml\n",
                "p/r.yaml", object("helm.toolkit.fluxcd.io/v2", "HelmRelease", "r", "flux-config"),
                "p/patch.yaml", object("helm.toolkit.fluxcd.io/v2beta1", "HelmRelease", "r", "flux-config")));
        assertThat(stale.file()).isEqualTo("p/patch.yaml");
        assertThat(stale.reason()).contains("no matches for Id HelmRelease.v2beta1.helm.toolkit.fluxcd.io/r.flux-config");

        assertThat(agreeing("q", Map.of("q/kustomization.yaml", K + "resources: [r.yaml]\npatchesStrategicMerge: [patch.yaml]\n",
                "q/r.yaml", object("v1", "ConfigMap", "x", null), "q/patch.yaml", object("v1", "ConfigMap", "y", null))).passed()).isFalse();
        assertThat(agreeing("t", Map.of("t/kustomization.yaml", K + "resources: [r.yaml]\npatches:\n  - path: patch.yaml\n    target:\n      kind: Secret\n      name: zz\n",
                "t/r.yaml", object("v1", "ConfigMap", "x", null), "t/patch.yaml", object("v1", "Secret", "zz", null))).passed())
                .as("a target that selects nothing is not an error").isTrue();
        assertThat(agreeing("j", Map.of("j/kustomization.yaml", K + "resources: [r.yaml]\npatchesJson6902:\n  - target: {version: v1, kind: ConfigMap, name: nope}\n    path: ops.yaml\n",
                "j/r.yaml", object("v1", "ConfigMap", "x", null), "j/ops.yaml", "- op: add\n  path: /data\n  value: {}\n")).passed()).isTrue();
    }

    @Test
    void namespaces_apply_to_ids_before_parents_compare_them_and_after_patches_of_the_same_folder() throws IOException {
        Build conflict = agreeing("n", Map.of("n/kustomization.yaml", K + "namespace: z\nresources: [one, two]\n",
                "n/one/kustomization.yaml", K + "resources: [m.yaml]\n", "n/one/m.yaml", object("v1", "ConfigMap", "m", "a"),
                "n/two/kustomization.yaml", K + "resources: [m.yaml]\n", "n/two/m.yaml", object("v1", "ConfigMap", "m", "b")));
        assertThat(conflict.reason()).startsWith("namespace transformation produces ID conflict");

        assertThat(agreeing("o/overlay", Map.of("o/base/kustomization.yaml", K + "namespace: z\nresources: [m.yaml]\n",
                "o/base/m.yaml", object("v1", "ConfigMap", "m", null),
                "o/overlay/kustomization.yaml", K + "resources: [../base]\npatches:\n  - path: p.yaml\n",
                "o/overlay/p.yaml", object("v1", "ConfigMap", "m", null) + "data: {a: b}\n")).passed())
                .as("a patch finds an object by the id it had before the base's namespace").isTrue();
        assertThat(agreeing("s", Map.of("s/kustomization.yaml", K + "namespace: z\nresources: [m.yaml]\npatches:\n  - path: p.yaml\n",
                "s/m.yaml", object("v1", "ConfigMap", "m", null), "s/p.yaml", object("v1", "ConfigMap", "m", "z"))).passed())
                .as("the folder's own patches run before its namespace").isFalse();
        assertThat(agreeing("x/top", Map.of("x/base/kustomization.yaml", K + "namespace: z\nnamePrefix: pre-\nresources: [m.yaml]\n",
                "x/base/m.yaml", object("v1", "ConfigMap", "m", null),
                "x/top/kustomization.yaml", K + "resources: [../base, m.yaml]\n", "x/top/m.yaml", object("v1", "ConfigMap", "pre-m", "z"))).passed())
                .isFalse();
    }

    @Test
    void components_add_objects_and_patch_the_parents_and_generators_need_their_files() throws IOException {
        assertThat(agreeing("c", Map.of("c/kustomization.yaml", K + "resources: [m.yaml]\ncomponents: [comp]\n",
                "c/m.yaml", object("v1", "ConfigMap", "m", null),
                "c/comp/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [s.yaml]\npatches:\n  - path: p.yaml\n",
                "c/comp/s.yaml", object("v1", "Secret", "s", null), "c/comp/p.yaml", object("v1", "ConfigMap", "m", null) + "data: {a: b}\n")).passed())
                .isTrue();
        assertThat(agreeing("d", Map.of("d/kustomization.yaml", K + "configMapGenerator:\n  - name: g\n    files: [nofile.txt]\n")).reason())
                .isEqualTo("configMapGenerator 'g': file 'nofile.txt' not found (d/nofile.txt)");
        assertThat(agreeing("e", Map.of("e/kustomization.yaml", K + "resources: [g.yaml]\nconfigMapGenerator:\n  - name: g\n    literals: [a=b]\n",
                "e/g.yaml", object("v1", "ConfigMap", "g", null))).passed()).isFalse();
        assertThat(agreeing("h", Map.of("h/kustomization.yaml", K + "secretGenerator:\n  - name: g\n    files: [key=value.txt]\n", "h/value.txt", "v\n"))
                .passed()).isTrue();
    }

    @Test
    void every_folder_of_the_real_core_repository_builds_as_kubectl_builds_it() {
        Path core = ReferencePlatform.tree(ReferencePlatform.CORE);
        KustomizeBuilds.Builds kubectl = KustomizeBuilds.all(core);
        SortedMap<String, Boolean> javaVerdicts = new TreeMap<>();
        SortedMap<String, Boolean> kubectlVerdicts = new TreeMap<>();
        new KustomizeBuilder(new DirectoryTree(core)).buildAll().forEach(b -> javaVerdicts.put(Paths.show(b.folder()), b.passed()));
        kubectl.byFolder().forEach((folder, build) -> kubectlVerdicts.put(folder, build.passed()));

        assertThat(javaVerdicts).isEqualTo(kubectlVerdicts);
        assertThat(javaVerdicts).hasSize(41);
        assertThat(javaVerdicts.values().stream().filter(b -> b).count()).isEqualTo(32);
        assertThat(javaVerdicts.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey))
                .allMatch(folder -> folder.matches("clusters/[a-z]+/0[0-9]"));
    }

    @Test
    void the_services_environments_of_the_real_services_repository_build_as_kubectl_builds_them() {
        Path services = ReferencePlatform.tree(ReferencePlatform.SERVICES);
        KustomizeBuilds.Builds kubectl = KustomizeBuilds.under(services, "services/environments");
        KustomizeBuilder java = new KustomizeBuilder(new DirectoryTree(services));
        SortedMap<String, Boolean> javaVerdicts = new TreeMap<>();
        kubectl.byFolder().keySet().forEach(folder -> javaVerdicts.put(folder, java.build(folder).passed()));
        SortedMap<String, Boolean> kubectlVerdicts = new TreeMap<>();
        kubectl.byFolder().forEach((folder, build) -> kubectlVerdicts.put(folder, build.passed()));

        assertThat(javaVerdicts).hasSize(15).isEqualTo(kubectlVerdicts);
    }

    @Test
    void the_whole_real_services_repository_builds_as_its_pinned_kubectl_baseline_983_of_1091() {
        var builds = new KustomizeBuilder(new DirectoryTree(ReferencePlatform.tree(ReferencePlatform.SERVICES))).buildAll();

        assertThat(builds).hasSize(1091);
        assertThat(builds.stream().filter(Build::passed)).hasSize(983);
        assertThat(builds.stream().filter(b -> !b.passed()))
                .as("the 108 team folders whose patches name an apiVersion the objects no longer have")
                .allSatisfy(b -> assertThat(b.reason()).startsWith("no resource matches strategic merge patch"));
    }

    @Test
    void a_file_in_utf16_with_its_byte_order_mark_is_read_as_kustomize_reads_it() throws IOException {
        Files.createDirectories(dir.resolve("w"));
        Files.writeString(dir.resolve("w/kustomization.yaml"), K + "resources: [r.yaml]\n");
        Files.write(dir.resolve("w/r.yaml"), ("\uFEFF" + object("v1", "ConfigMap", "m", null).replace("\n", "\r\n"))
                .getBytes(java.nio.charset.StandardCharsets.UTF_16LE));

        assertThat(agreeing("w", Map.of()).passed()).isTrue();
    }
}
