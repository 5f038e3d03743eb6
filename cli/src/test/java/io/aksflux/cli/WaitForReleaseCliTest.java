package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aksflux.support.GitRepos;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end over HTTPS against the emulator, whose simulated Flux follows the services Kustomization into the services
 * repository and reports the HelmReleases it finds there: a team's service is added to snd4 as the platform's
 * scaffolding lays it out, then its chart version is bumped by a commit, as a service's pipeline does.
 */
class WaitForReleaseCliTest extends EstatePerTest {
    private static final String RELEASE = "ffc-ffd-backend-poc";
    private static final String PATCH = "services/ffc/ffc-ffd/ffc-ffd-backend-poc/deploy/snd/04/patch.yaml";

    @Override
    Estate newEstate(Path dir) {
        return Estate.quick(dir);
    }

    @BeforeEach
    void snd4WithTheTeamsServiceAt023() {
        assertThat(estate.aksflux("apply", "snd4", "--yes").exitCode()).isEqualTo(ExitCodes.OK);
        GitRepos.commit(estate.services, team("0.2.3"), "ffc-ffd-backend-poc 0.2.3");
        Cli.Result installed = wait(RELEASE, "0.2.3");
        assertThat(installed.exitCode()).as(installed.toString()).isEqualTo(ExitCodes.OK);
    }

    private Cli.Result wait(String release, String version, String... more) {
        String[] args = new String[6 + more.length];
        System.arraycopy(new String[]{"wait", "snd4", "--helmrelease", release, "--version", version}, 0, args, 0, 6);
        System.arraycopy(more, 0, args, 6, more.length);
        return estate.aksflux(args);
    }

    @Test
    void a_version_bump_committed_to_the_services_repository_is_waited_for_and_reported_ready_at_that_version() throws Exception {
        GitRepos.commit(estate.services, Map.of(PATCH, patch("0.2.4")), "ffc-ffd-backend-poc 0.2.4");

        Cli.Result result = wait(RELEASE, "0.2.4", "-o", "json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        JsonNode target = new ObjectMapper().readTree(result.out()).at("/environments/0/targets/0");
        assertThat(target.get("namespace").asText()).isEqualTo("flux-config");
        assertThat(target.get("seen").asText()).isEqualTo("0.2.4");
        assertThat(target.get("ready").asBoolean()).isTrue();
        assertThat(target.get("message").asText()).isEqualTo("Helm upgrade succeeded for release flux-config/ffc-ffd-backend-poc.v2"
                + " with chart ffc-ffd-backend-poc@0.2.4");
        assertThat(result.err()).contains("HelmRelease flux-config/ffc-ffd-backend-poc: pending: 0.2.3 Ready, waiting for 0.2.4",
                "HelmRelease flux-config/ffc-ffd-backend-poc: pending: Running 'upgrade' action with timeout of 5m0s",
                "HelmRelease flux-config/ffc-ffd-backend-poc: ready at 0.2.4");
        assertThat(result.err().indexOf("waiting for 0.2.4")).isLessThan(result.err().indexOf("ready at 0.2.4"));
    }

    @Test
    void a_failing_upgrade_exits_1_with_helm_controller_s_message() {
        estate.emulator.faults().failHelmRelease("flux-config", RELEASE, "context deadline exceeded");
        GitRepos.commit(estate.services, Map.of(PATCH, patch("0.2.4")), "ffc-ffd-backend-poc 0.2.4");
        Instant start = estate.ticker.now();

        Cli.Result result = wait(RELEASE, "0.2.4");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(Duration.between(start, estate.ticker.now())).as("as soon as it fails, not at the timeout").isLessThan(Duration.ofMinutes(10));
        assertThat(result.err()).contains("error: snd4: HelmRelease flux-config/ffc-ffd-backend-poc at 0.2.4 failed: Helm upgrade failed"
                + " for release flux-config/ffc-ffd-backend-poc with chart ffc-ffd-backend-poc@0.2.4: context deadline exceeded");
        assertThat(result.out()).containsPattern("snd4 +HelmRelease +flux-config/ffc-ffd-backend-poc +0\\.2\\.4 +0\\.2\\.4 +failed +Helm upgrade failed");
    }

    @Test
    void with_details_a_failing_upgrade_shows_helm_controller_s_events_read_through_run_command() {
        estate.emulator.faults().failHelmRelease("flux-config", RELEASE, "context deadline exceeded");
        GitRepos.commit(estate.services, Map.of(PATCH, patch("0.2.4")), "ffc-ffd-backend-poc 0.2.4");

        Cli.Result result = wait(RELEASE, "0.2.4", "--details");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        String details = result.err().substring(result.err().indexOf("what the cluster says (run command):"));
        assertThat(details).contains("$ kubectl events -n flux-config --for helmrelease/ffc-ffd-backend-poc", "LAST SEEN", "UpgradeFailed")
                .doesNotContain("sndadpinfcr3401.azurecr.io"); // the release's values are never read
    }

    @Test
    void a_release_that_never_appears_exits_3_naming_it() {
        Cli.Result result = wait("ffc-ffd-frontend", "1.0.0", "--timeout", "10m");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.TIMED_OUT);
        assertThat(result.err()).contains("error: snd4: timed out after 10m (the wait timeout); not done: HelmRelease ffc-ffd-frontend at 1.0.0"
                + " (last seen: pending: not reported yet)");
    }

    @Test
    void an_older_version_already_deployed_is_not_mistaken_for_the_new_one() {
        Cli.Result result = wait(RELEASE, "0.2.4", "--timeout", "10m");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.TIMED_OUT);
        assertThat(result.err()).contains("not done: HelmRelease flux-config/ffc-ffd-backend-poc at 0.2.4 (last seen: pending: 0.2.3 Ready,"
                + " waiting for 0.2.4)").doesNotContain("ready at");
    }

    /** Team ffc-ffd's service as the platform's scaffolding adds it: the team's base patch, its snd/04 folder, the release and its patch. */
    private static Map<String, String> team(String version) {
        Map<String, String> files = new HashMap<>();
        files.put("services/environments/snd/base/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - image-update.yaml
                  - notification.yaml
                  - ../../../ffc/ffc-ffd/base/patch
                """);
        files.put("services/ffc/ffc-ffd/base/patch/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - kustomize.yaml\n");
        files.put("services/ffc/ffc-ffd/base/patch/kustomize.yaml", """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: ffc-ffd-base
                  namespace: flux-config
                spec:
                  sourceRef:
                    kind: GitRepository
                    name: services-repository
                    namespace: flux-config
                  interval: 5m
                  prune: true
                  path: ./services/ffc/ffc-ffd/snd/04
                """);
        files.put("services/ffc/ffc-ffd/snd/04/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../ffc-ffd-backend-poc\n");
        files.put("services/ffc/ffc-ffd/ffc-ffd-backend-poc/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deploy-kustomize.yaml\n");
        files.put("services/ffc/ffc-ffd/ffc-ffd-backend-poc/deploy-kustomize.yaml", """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: ffc-ffd-backend-poc-deploy
                  namespace: flux-config
                spec:
                  sourceRef:
                    kind: GitRepository
                    name: services-repository
                    namespace: flux-config
                  path: ./services/ffc/ffc-ffd/ffc-ffd-backend-poc/deploy/snd/04
                  interval: 5m
                  prune: true
                  wait: true
                """);
        files.put("services/ffc/ffc-ffd/ffc-ffd-backend-poc/deploy/base/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - helm-release.yaml\n");
        files.put("services/ffc/ffc-ffd/ffc-ffd-backend-poc/deploy/base/helm-release.yaml", """
                apiVersion: helm.toolkit.fluxcd.io/v2beta1
                kind: HelmRelease
                metadata:
                  name: ffc-ffd-backend-poc
                  namespace: flux-config
                spec:
                  releaseName: ffc-ffd-backend-poc
                  chart:
                    spec:
                      chart: ffc-ffd-backend-poc
                      version: "0.1.0"
                      sourceRef:
                        kind: HelmRepository
                        name: ffc-ffd-helm-repo
                        namespace: flux-config
                  interval: 5m0s
                  targetNamespace: ffc-ffd
                """);
        files.put("services/ffc/ffc-ffd/ffc-ffd-backend-poc/deploy/snd/04/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\npatches:\n  - path: patch.yaml\n");
        files.put(PATCH, patch(version));
        return files;
    }

    /** The instance's patch as image automation rewrites it: the chart version and the image. */
    private static String patch(String version) {
        return """
                apiVersion: helm.toolkit.fluxcd.io/v2beta1
                kind: HelmRelease
                metadata:
                  name: ffc-ffd-backend-poc
                  namespace: flux-config
                spec:
                  chart:
                    spec:
                      version: "%1$s" # {"$imagepolicy": "flux-config:ffc-ffd-backend-poc-snd-04:tag"}
                  values:
                    image: sndadpinfcr3401.azurecr.io/image/ffc-ffd-backend-poc:%1$s
                """.formatted(version);
    }
}
