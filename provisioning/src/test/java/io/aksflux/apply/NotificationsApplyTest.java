package io.aksflux.apply;

import io.aksflux.desired.DesiredState;
import io.aksflux.desired.NotificationSecretManifest;
import io.aksflux.emulator.resources.SimulatedKubectl;
import io.aksflux.environment.Environment;
import io.aksflux.change.Action;
import io.aksflux.change.Change;
import io.aksflux.change.Plan;
import io.aksflux.change.PlanJson;
import io.aksflux.secret.SecretResolver;
import io.aksflux.secret.SecretSource;
import io.aksflux.support.FakeArm;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.InMemoryRepos;
import io.aksflux.support.SimulatedTicker;
import io.aksflux.support.Workspaces;
import io.aksflux.template.TemplateSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The notifications stage with an in-memory ARM and cluster: the Event Hub connection string goes from listKeys (or
 * the reference the environment names) into the Provider's secret through runCommand, only when it differs, and
 * nowhere else.
 */
class NotificationsApplyTest {
    private static final String SECRET = "aksflux-notification";
    private static final String NAMESPACE = "flux-config";
    private static final String APPLY = NotificationSecret.APPLY;
    private static final String READ = ClusterSecretMetadata.command("flux-config", "aksflux-notification");

    @TempDir
    Path dir;
    private InMemoryRepos repos;
    private Environment snd4;
    private final SimulatedTicker ticker = new SimulatedTicker();
    private final RecordingProgress progress = new RecordingProgress();

    @BeforeEach
    void repositories() {
        repos = new InMemoryRepos(dir);
        snd4 = repos.environment("snd4");
    }

    private ApplyResult apply(FakeArm arm, Environment env, Map<String, String> variables) {
        var desired = DesiredState.of(env, TemplateSource.directory(Workspaces.templates()));
        return new Provisioner(arm, repos.remote, ticker.pacing(), progress).apply(new ApplyRequest(env, desired,
                Set.of(), true, Duration.ofMinutes(20), false, false, new SecretResolver(variables, SecretSource.NONE)));
    }

    private ApplyResult apply(FakeArm arm) {
        return apply(arm, snd4, Map.of());
    }

    private Plan plan(FakeArm arm, Environment env) {
        return Provisioner.plan(env, DesiredState.of(env, TemplateSource.directory(Workspaces.templates())),
                OnlineState.of(env, arm, null, new SecretResolver(Map.of(), SecretSource.NONE), ticker.pacing()));
    }

    private static ApplyResult.StageResult notificationsStage(ApplyResult result) {
        return result.stages().stream().filter(s -> s.stage().equals("notifications")).findFirst().orElseThrow();
    }

    /** The objects of the manifest a runCommand carried in its zip context. */
    private static List<Map<String, Object>> manifest(FakeArm.Request runCommand) {
        String file = SimulatedKubectl.files(runCommand.body().path("context").asText()).get("notification-secret.yaml");
        List<Map<String, Object>> objects = new ArrayList<>();
        new Yaml().loadAll(file).forEach(o -> {
            @SuppressWarnings("unchecked") Map<String, Object> object = (Map<String, Object>) o;
            objects.add(object);
        });
        return objects;
    }

    @Test
    void first_apply_puts_the_list_keys_connection_string_into_the_secret_with_its_namespace() {
        FakeArm arm = FakeArm.healthy(snd4);
        String address = arm.connectionString(snd4);

        ApplyResult result = apply(arm);

        assertThat(arm.clusterCommands()).containsExactly(READ, APPLY);
        List<Map<String, Object>> objects = manifest(arm.clusterWrites().get(0));
        assertThat(objects).hasSize(2);
        assertThat(objects.get(0)).containsEntry("kind", "Namespace").containsEntry("metadata", Map.of("name", NAMESPACE));
        assertThat(objects.get(1)).containsEntry("kind", "Secret").containsEntry("type", "Opaque")
                .containsEntry("stringData", Map.of("address", address));
        assertThat(objects.get(1).get("metadata")).isEqualTo(Map.of("name", SECRET, "namespace", NAMESPACE,
                "labels", Map.of("app.kubernetes.io/managed-by", "aksflux"),
                "annotations", Map.of("aksflux.io/address-sha256", NotificationSecretManifest.digest(address))));
        assertThat(arm.clusterSecret(snd4, NAMESPACE, SECRET)).hasValueSatisfying(s -> assertThat(s.data()).containsEntry("address", address));
        assertThat(arm.requests()).extracting(FakeArm.Request::toString)
                .contains("POST Microsoft.EventHub/namespaces/SNDADPINFEN1404/eventhubs/flux-events-snd4/authorizationRules/FluxSendAccess/listKeys");
        assertThat(notificationsStage(result)).isEqualTo(new ApplyResult.StageResult("notifications", "changed",
                "create Secret flux-config/aksflux-notification"));
        assertThat(progress.lines()).contains("secret flux-config/aksflux-notification: creating", "secret flux-config/aksflux-notification: created");
    }

    @Test
    void a_secret_the_app_configuration_provider_owns_is_never_written_and_apply_says_whose_it_is() {
        Environment platform = repos.environment("snd4", "notifications.secretName=adp-platform-secrets");
        FakeArm arm = FakeArm.healthy(platform);
        arm.kubernetes().appConfigurationProvider(platform.azure().clusterId(), NAMESPACE, "adp-platform-vars", "adp-platform-vars",
                "adp-platform-secrets");
        var before = arm.clusterSecret(platform, NAMESPACE, "adp-platform-secrets").orElseThrow();

        assertThatThrownBy(() -> apply(arm, platform, Map.of())).isInstanceOf(ProvisioningFailedException.class)
                .hasMessageStartingWith("secret flux-config/adp-platform-secrets exists and is not aksflux's: it is owned by"
                        + " AzureAppConfigurationProvider/adp-platform-vars (ownerReferences): the Azure App Configuration Kubernetes"
                        + " Provider materializes it from App Configuration. aksflux never creates or overwrites a Secret another"
                        + " controller owns, and wrote nothing.")
                .hasMessageContaining("notifications.delivery: keyVault").hasMessageContaining("aksflux-notification")
                .message().doesNotContain(arm.connectionString(platform));
        assertThat(arm.clusterWrites()).isEmpty();
        assertThat(arm.clusterSecret(platform, NAMESPACE, "adp-platform-secrets")).contains(before);
        assertThat(arm.writes()).isEmpty();
    }

    @Test
    void a_secret_someone_else_created_without_aksfluxs_annotation_is_refused_too() {
        FakeArm arm = FakeArm.healthy(snd4);
        String handMade = "apiVersion: v1\nkind: Namespace\nmetadata: {name: flux-config}\n---\napiVersion: v1\nkind: Secret\n"
                + "metadata: {name: aksflux-notification, namespace: flux-config}\nstringData: {address: typed-by-hand}\n";
        arm.kubernetes().run(snd4.azure().clusterId(), "kubectl apply -f hand.yaml", Map.of("hand.yaml", handMade));

        assertThatThrownBy(() -> apply(arm)).isInstanceOf(ProvisioningFailedException.class)
                .hasMessageContaining("secret flux-config/aksflux-notification exists and is not aksflux's: it does not carry aksflux's"
                        + " annotation aksflux.io/address-sha256, so aksflux did not create it");
        assertThat(arm.clusterWrites()).isEmpty();
        assertThat(arm.clusterSecret(snd4, NAMESPACE, SECRET)).hasValueSatisfying(s -> assertThat(s.data()).containsEntry("address", "typed-by-hand"));
    }

    @Test
    void the_engine_reads_secret_metadata_with_the_template_the_emulator_answers() {
        assertThat(ClusterSecretMetadata.TEMPLATE).isEqualTo(SimulatedKubectl.METADATA_TEMPLATE);
    }

    @Test
    void the_secret_is_written_after_the_seed_and_before_the_extension() {
        FakeArm arm = FakeArm.healthy(snd4);

        apply(arm);

        List<String> order = arm.requests().stream().filter(r -> !r.method().equals("GET") && !r.id().endsWith("/listKeys"))
                .map(r -> r.id().endsWith("/runCommand") ? r.body().path("command").asText() : r.toString()).toList();
        assertThat(order).containsExactly(READ, APPLY, "PUT Microsoft.KubernetesConfiguration/extensions/flux",
                "PUT Microsoft.KubernetesConfiguration/fluxConfigurations/flux-config");
    }

    @Test
    void second_apply_of_an_unchanged_environment_makes_no_runcommand_kubectl_apply() {
        FakeArm arm = FakeArm.healthy(snd4);
        apply(arm);

        ApplyResult second = apply(arm);

        assertThat(arm.clusterWrites()).hasSize(1);
        assertThat(arm.clusterCommands()).containsExactly(READ, APPLY, READ);
        assertThat(notificationsStage(second)).isEqualTo(new ApplyResult.StageResult("notifications", "unchanged",
                "none Secret flux-config/aksflux-notification"));
        assertThat(second.wroteAnything()).isFalse();
        assertThat(progress.lines()).contains("secret flux-config/aksflux-notification: up to date, nothing to write");
    }

    @Test
    void a_rotated_key_updates_the_secret() {
        FakeArm arm = FakeArm.healthy(snd4);
        apply(arm);
        String rotated = arm.rotateKey(snd4).connectionString(snd4);

        ApplyResult second = apply(arm);

        assertThat(arm.clusterWrites()).hasSize(2);
        assertThat(arm.clusterSecret(snd4, NAMESPACE, SECRET)).hasValueSatisfying(s -> {
            assertThat(s.data()).containsEntry("address", rotated);
            assertThat(s.annotations()).containsEntry("aksflux.io/address-sha256", NotificationSecretManifest.digest(rotated));
        });
        assertThat(notificationsStage(second).detail()).isEqualTo("update Secret flux-config/aksflux-notification");
        assertThat(progress.lines()).contains("secret flux-config/aksflux-notification: updating (the connection string changed)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "notifications.auth=workloadIdentity | the Provider needs no secret with workload identity (notifications.auth: workloadIdentity)",
            "notifications.enabled=false         | notifications are disabled (notifications.enabled: false)"})
    void workload_identity_and_disabled_notifications_write_no_secret_and_say_why(String override, String why) {
        Environment env = repos.environment("snd4", override);
        FakeArm arm = FakeArm.healthy(env);

        ApplyResult result = apply(arm, env, Map.of());

        assertThat(arm.clusterCommands()).isEmpty();
        assertThat(arm.requests()).noneMatch(r -> r.id().endsWith("/listKeys"));
        assertThat(notificationsStage(result)).isEqualTo(new ApplyResult.StageResult("notifications", "unchanged", why));
        assertThat(progress.lines()).contains("notifications: nothing to do; " + why);
    }

    @Test
    void a_missing_event_hub_stops_apply_before_any_write_naming_the_rule_and_the_fields() {
        FakeArm arm = FakeArm.healthy(snd4).withoutEventHub(snd4);

        assertThatThrownBy(() -> apply(arm)).isInstanceOf(ProvisioningFailedException.class)
                .hasMessageStartingWith("Event Hub authorization rule 'FluxSendAccess' of Event Hub 'flux-events-snd4' in namespace"
                        + " 'SNDADPINFEN1404' not found in resource group SNDADPINFRG1404 of subscription 00000000-0000-0000-0000-000000000004 (")
                .hasMessageContaining("notifications.eventHub.{resourceGroup,namespace,name,authorizationRule}")
                .hasMessageContaining("404 ResourceNotFound");
        assertThat(arm.writes()).isEmpty();
        assertThat(arm.clusterCommands()).isEmpty();
        assertThat(repos.remote.log(repos.core, "main")).hasSize(1);
    }

    @Test
    void an_event_hub_without_a_namespace_names_the_field_before_asking_azure() {
        FakeArm arm = FakeArm.healthy(snd4);
        Environment unnamed = repos.environment("snd4", "notifications.eventHub.namespace=null");

        assertThatThrownBy(() -> apply(arm, unnamed, Map.of())).isInstanceOf(ProvisioningFailedException.class)
                .hasMessageContaining("notifications.eventHub.namespace not set").hasMessageContaining("notifications.connectionString");
        assertThat(arm.requests()).noneMatch(r -> r.id().endsWith("/listKeys"));
        assertThat(arm.writes()).isEmpty();
    }

    @Test
    void a_connection_string_reference_is_read_instead_of_list_keys() {
        Environment referenced = repos.environment("snd4", "notifications.connectionString=${env:FLUX_EVENTS_CONNECTION}");
        FakeArm arm = FakeArm.healthy(referenced);
        String value = "Endpoint=sb://elsewhere.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=from-a-variable";

        apply(arm, referenced, Map.of("FLUX_EVENTS_CONNECTION", value));

        assertThat(arm.requests()).noneMatch(r -> r.id().endsWith("/listKeys"));
        assertThat(arm.clusterSecret(referenced, NAMESPACE, SECRET)).hasValueSatisfying(s -> assertThat(s.data()).containsEntry("address", value));
    }

    @Test
    void a_missing_connection_string_variable_names_the_field_and_nothing_is_written() {
        Environment referenced = repos.environment("snd4", "notifications.connectionString=${env:FLUX_EVENTS_CONNECTION}");
        FakeArm arm = FakeArm.healthy(referenced);

        assertThatThrownBy(() -> apply(arm, referenced, Map.of())).hasMessage("notifications.connectionString: environment variable"
                + " FLUX_EVENTS_CONNECTION is not set; set it in the environment apply runs in (a secret pipeline variable)");
        assertThat(arm.writes()).isEmpty();
        assertThat(arm.clusterCommands()).isEmpty();
        assertThat(repos.remote.log(repos.core, "main")).hasSize(1);
    }

    @Test
    void skipping_the_stage_reads_no_key_and_runs_no_command() {
        FakeArm arm = FakeArm.healthy(snd4).withoutEventHub(snd4);
        var desired = DesiredState.of(snd4, TemplateSource.directory(Workspaces.templates()));

        ApplyResult result = new Provisioner(arm, repos.remote, ticker.pacing(), progress)
                .apply(new ApplyRequest(snd4, desired, Set.of(Stage.NOTIFICATIONS), true, Duration.ofMinutes(20), false));

        assertThat(notificationsStage(result).status()).isEqualTo("skipped");
        assertThat(arm.requests()).noneMatch(r -> r.id().endsWith("/listKeys") || r.id().endsWith("/runCommand"));
    }

    @Test
    void the_online_plan_reads_the_annotation_create_then_none_then_update_after_a_rotation() {
        FakeArm arm = FakeArm.healthy(snd4);
        Change.Cluster expected = new Change.Cluster(Action.CREATE, "Secret", NAMESPACE, SECRET);

        Plan before = plan(arm, snd4);
        apply(arm);
        Plan after = plan(arm, snd4);
        arm.rotateKey(snd4);
        Plan rotated = plan(arm, snd4);

        assertThat(before.changes()).filteredOn(c -> c.target().equals("cluster")).containsExactly(expected);
        assertThat(after.changes()).filteredOn(c -> c.target().equals("cluster"))
                .containsExactly(new Change.Cluster(Action.NONE, "Secret", NAMESPACE, SECRET));
        assertThat(rotated.changes()).filteredOn(c -> c.target().equals("cluster"))
                .containsExactly(new Change.Cluster(Action.UPDATE, "Secret", NAMESPACE, SECRET));
        assertThat(arm.clusterWrites()).as("planning writes nothing").hasSize(1);
    }

    @Test
    void the_value_and_its_digest_appear_in_no_progress_line_result_plan_or_command() throws Exception {
        FakeArm arm = FakeArm.healthy(snd4);
        String first = arm.connectionString(snd4);
        ApplyResult created = apply(arm);
        String second = arm.rotateKey(snd4).connectionString(snd4);
        ApplyResult updated = apply(arm);
        String plan = PlanJson.write(plan(arm, snd4));
        String results = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(List.of(created, updated));

        for (String secret : List.of(first, second, NotificationSecretManifest.digest(first), NotificationSecretManifest.digest(second),
                first.substring(first.indexOf("SharedAccessKey=")))) {
            assertThat(String.join("\n", progress.lines())).doesNotContain(secret);
            assertThat(results).doesNotContain(secret);
            assertThat(plan).doesNotContain(secret);
            assertThat(arm.clusterCommands()).noneMatch(c -> c.contains(secret));
        }
        assertThat(plan).contains("\"target\" : \"cluster\"");
    }
}
