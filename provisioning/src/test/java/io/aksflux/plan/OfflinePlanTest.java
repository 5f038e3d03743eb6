package io.aksflux.plan;

import io.aksflux.change.PlanJson;
import io.aksflux.change.Plan;
import io.aksflux.change.Change;
import io.aksflux.change.Action;
import io.aksflux.support.Golden;
import io.aksflux.support.Workspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Given a shipped environment, when planned offline, then exactly this desired state. */
class OfflinePlanTest {

    @Test
    void snd4_plans_the_reference_platform_layout() throws IOException {
        Golden.assertMatches("plan-snd4.json", PlanJson.write(Workspaces.shipped().planOffline("snd4", List.of())));
    }

    @Test
    void prd1_plans_the_controller_settings_every_environment_shares_with_its_own_ids() throws IOException {
        Golden.assertMatches("plan-prd1.json", PlanJson.write(Workspaces.shipped().planOffline("prd1", List.of())));
    }

    @Test
    void everything_is_created_in_apply_order_when_nothing_exists() {
        // delivered as a Secret of aksflux's own, the notification secret is a cluster object of the plan
        Plan plan = Workspaces.shipped().planOffline("snd4", List.of("notifications.delivery=secret", "notifications.secretName=aksflux-notification"));

        assertThat(plan.changes()).extracting(Change::action).containsOnly(Action.CREATE);
        assertThat(plan.changes()).extracting(Change::target).containsSubsequence("git", "cluster", "arm")
                .doesNotContainSequence("arm", "git");
        assertThat(plan.changes().stream().filter(Change.Arm.class::isInstance).map(c -> ((Change.Arm) c).type()))
                .containsExactly("Microsoft.KubernetesConfiguration/extensions", "Microsoft.KubernetesConfiguration/fluxConfigurations");
    }

    @Test
    void a_new_environment_is_a_copied_file_and_plans_with_its_own_paths(@TempDir Path environments) throws IOException {
        Files.copy(Workspaces.environments().resolve("defaults.yaml"), environments.resolve("defaults.yaml"));
        Files.copy(Workspaces.environments().resolve("tst2.yaml"), environments.resolve("tst3.yaml"));

        Plan plan = Workspaces.of(environments, Map.of()).planOffline("tst3", List.of());

        assertThat(plan.environment()).isEqualTo("tst3");
        Change.Arm flux = (Change.Arm) plan.changes().get(plan.changes().size() - 1);
        assertThat(flux.body().at("/properties/kustomizations/cluster/path").asText()).isEqualTo("./clusters/tst/03");
        assertThat(flux.body().at("/properties/kustomizations/infra/path").asText()).isEqualTo("./infra/tst/03");
        assertThat(flux.body().at("/properties/kustomizations/services/path").asText()).isEqualTo("./services/tst/03");
        assertThat(plan.changes().stream().filter(Change.Git.class::isInstance).map(c -> ((Change.Git) c).repo() + ":" + ((Change.Git) c).path()))
                .contains("core:clusters/tst/03/kustomization.yaml", "core:infra/tst/03/kustomization.yaml",
                        "core:services/tst/03/services.yaml", "services:services/environments/tst/03/kustomization.yaml",
                        "services:services/environments/tst/base/notification.yaml");
        Change.Git services = (Change.Git) plan.changes().stream()
                .filter(c -> c instanceof Change.Git g && g.path().equals("services/tst/03/services.yaml")).findFirst().orElseThrow();
        assertThat(services.content()).contains("path: ./services/environments/tst/03");
    }

    @Test
    void an_override_with_a_dotted_setting_name_changes_only_that_setting() {
        Plan plan = Workspaces.shipped().planOffline("snd4",
                List.of("extension.settings.image-automation-controller.enabled=false", "flux.kustomizations.infra.interval=10m"));

        Change.Arm extension = (Change.Arm) plan.changes().stream().filter(Change.Arm.class::isInstance).findFirst().orElseThrow();
        assertThat(extension.body().at("/properties/configurationSettings").get("image-automation-controller.enabled").asText()).isEqualTo("false");
        assertThat(extension.body().at("/properties/configurationSettings").get("image-reflector-controller.enabled").asText()).isEqualTo("true");
        Change.Arm flux = (Change.Arm) plan.changes().get(plan.changes().size() - 1);
        assertThat(flux.body().at("/properties/kustomizations/infra/syncIntervalInSeconds").asLong()).isEqualTo(600);
        assertThat(flux.body().at("/properties/kustomizations/cluster/syncIntervalInSeconds").asLong()).isEqualTo(300);
    }

    @Test
    void protected_settings_plan_offline_as_placeholders_without_their_variables() {
        // Workspaces.shipped() has no process variables: the reference is not resolved for a plan
        Plan plan = Workspaces.shipped().planOffline("snd4", List.of("flux.protectedSettings.httpsKey=${env:CORE_GIT_TOKEN}"));

        Change.Arm flux = (Change.Arm) plan.changes().get(plan.changes().size() - 1);
        assertThat(flux.body().at("/properties/configurationProtectedSettings").toString()).isEqualTo("{\"httpsKey\":\"(sensitive)\"}");
        assertThat(PlanJson.write(plan)).doesNotContain("CORE_GIT_TOKEN");
    }

    @Test
    void a_kustomization_set_to_null_is_removed_from_the_configuration() {
        Plan plan = Workspaces.shipped().planOffline("snd4", List.of("flux.kustomizations.services=null",
                "flux.kustomizations.infra.dependsOn=null"));

        Change.Arm flux = (Change.Arm) plan.changes().get(plan.changes().size() - 1);
        assertThat(flux.body().at("/properties/kustomizations").fieldNames()).toIterable().containsExactly("cluster", "infra");
    }

    @Test
    void workload_identity_notifications_need_no_secret_and_name_the_hub() {
        Plan plan = Workspaces.shipped().planOffline("snd4", List.of("notifications.auth=workloadIdentity"));

        assertThat(plan.changes()).noneMatch(Change.Cluster.class::isInstance);
        Change.Git notification = (Change.Git) plan.changes().stream()
                .filter(c -> c instanceof Change.Git g && g.path().endsWith("notification.yaml")).findFirst().orElseThrow();
        assertThat(notification.content()).contains("address: flux-events", "channel: SNDADPINFEN1404").doesNotContain("secretRef");
    }

    @Test
    void disabled_notifications_seed_no_provider_and_no_secret() {
        Plan plan = Workspaces.shipped().planOffline("snd4", List.of("notifications.enabled=false"));

        assertThat(plan.changes()).noneMatch(Change.Cluster.class::isInstance)
                .noneMatch(c -> c instanceof Change.Git g && g.path().endsWith("notification.yaml"));
        Change.Git base = (Change.Git) plan.changes().stream()
                .filter(c -> c instanceof Change.Git g && g.path().equals("services/environments/snd/base/kustomization.yaml")).findFirst().orElseThrow();
        assertThat(base.content()).endsWith("resources:\n  - image-update.yaml\n");
    }
}
