package io.aksflux.azure;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.aksflux.apply.ApplyRequest;
import io.aksflux.apply.ApplyResult;
import io.aksflux.apply.ProvisioningFailedException;
import io.aksflux.apply.Provisioner;
import io.aksflux.desired.DesiredState;
import io.aksflux.environment.Environment;
import io.aksflux.change.PlanJson;
import io.aksflux.secret.SecretResolver;
import io.aksflux.secret.SecretUnavailableException;
import io.aksflux.support.FakeArm;
import io.aksflux.support.HttpsWireMock;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.InMemoryRepos;
import io.aksflux.support.SimulatedTicker;
import io.aksflux.support.Workspaces;
import io.aksflux.template.TemplateSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code notifications.delivery: keyVault}, the reference platform's way: the notification stage writes the Event Hub
 * connection string (listKeys) into the Key Vault secret the App Configuration key {@code address} references, only
 * when it differs, through the real Key Vault client over HTTPS (a WireMock standing in for the vault), and then only
 * reads the cluster's {@code adp-platform-secrets}, which the App Configuration provider owns: never writes it.
 */
class NotificationKeyVaultDeliveryTest {
    private static final String SECRET_PATH = "/secrets/SND1404-ADP-EVENTHUB-CONNECTION";
    private static final String LABEL = "Key Vault secret SSVADPINFKV3401/SND1404-ADP-EVENTHUB-CONNECTION";
    @RegisterExtension
    static final HttpsWireMock https = new HttpsWireMock();

    @TempDir
    Path dir;
    private InMemoryRepos repos;
    private Environment snd4;
    private FakeArm arm;
    private String address;
    private final SimulatedTicker ticker = new SimulatedTicker();
    private final RecordingProgress progress = new RecordingProgress();

    @BeforeEach
    void platform() {
        https.challengeAsKeyVault();
        repos = new InMemoryRepos(dir);
        // the shipped defaults: delivery through Key Vault into the platform's own secret
        snd4 = repos.environment("snd4", "notifications.delivery=keyVault", "notifications.secretName=adp-platform-secrets");
        arm = FakeArm.healthy(snd4);
        address = arm.connectionString(snd4);
    }

    /** A vault that has no such secret until it is set, then holds what was set. */
    private void emptyVault() {
        https.server().stubFor(get(urlPathEqualTo(SECRET_PATH + "/")).atPriority(1).inScenario("vault").whenScenarioStateIs(Scenario.STARTED)
                .withHeader("Authorization", equalTo("Bearer kv-token"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"code\": \"SecretNotFound\", \"message\": \"not found\"}}")));
        https.server().stubFor(put(urlPathEqualTo(SECRET_PATH)).atPriority(1).inScenario("vault")
                .withHeader("Authorization", equalTo("Bearer kv-token"))
                .withRequestBody(matchingJsonPath("$.value", equalTo(address))).willSetStateTo("written")
                .willReturn(okJson(secretJson(address))));
        https.server().stubFor(get(urlPathEqualTo(SECRET_PATH + "/")).atPriority(1).inScenario("vault").whenScenarioStateIs("written")
                .withHeader("Authorization", equalTo("Bearer kv-token"))
                .willReturn(okJson(secretJson(address))));
    }

    private static String secretJson(String value) {
        return "{\"value\": \"" + value + "\", \"id\": \"https://localhost" + SECRET_PATH + "/1\", \"attributes\": {\"enabled\": true}}";
    }

    private ApplyResult apply(Environment env) {
        var desired = DesiredState.of(env, TemplateSource.directory(Workspaces.templates()));
        KeyVaultSecrets keyVault = KeyVaultSecrets.at(https.url(), ArmCredentials.token("kv-token"), https.ca());
        return new Provisioner(arm, repos.remote, ticker.pacing(), progress).apply(new ApplyRequest(env, desired,
                Set.of(), true, Duration.ofMinutes(20), false, false, new SecretResolver(Map.of(), keyVault)));
    }

    private static ApplyResult.StageResult notifications(ApplyResult result) {
        return result.stages().stream().filter(s -> s.stage().equals("notifications")).findFirst().orElseThrow();
    }

    @Test
    void the_connection_string_is_written_to_key_vault_once_and_the_platforms_secret_is_only_read() {
        emptyVault();

        ApplyResult first = apply(snd4);

        https.server().verify(1, putRequestedFor(urlPathEqualTo(SECRET_PATH)).withHeader("Authorization", equalTo("Bearer kv-token")).withRequestBody(matchingJsonPath("$.value", equalTo(address))));
        assertThat(notifications(first)).isEqualTo(new ApplyResult.StageResult("notifications", "changed",
                "update " + LABEL + " (notifications.keyVault.{vault,secret})"));
        assertThat(arm.clusterWrites()).isEmpty();
        assertThat(arm.clusterCommands()).allMatch(c -> c.startsWith("kubectl get secret -n flux-config adp-platform-secrets -o go-template="));
        assertThat(progress.lines()).contains(LABEL + ": written (the Event Hub connection string changed or was missing)")
                .anyMatch(l -> l.startsWith("warning: secret flux-config/adp-platform-secrets does not exist yet: its controller"));

        ApplyResult second = apply(snd4);

        https.server().verify(1, putRequestedFor(urlPathEqualTo(SECRET_PATH)).withHeader("Authorization", equalTo("Bearer kv-token")));
        assertThat(notifications(second)).isEqualTo(new ApplyResult.StageResult("notifications", "unchanged",
                "none " + LABEL + " (notifications.keyVault.{vault,secret})"));
        assertThat(progress.lines()).contains(LABEL + ": up to date, nothing to write");
        assertThat(String.join("\n", progress.lines()) + first + second + arm.clusterCommands()).doesNotContain(address);
    }

    @Test
    void once_the_app_configuration_provider_made_the_secret_the_stage_confirms_it_holds_an_address_without_reading_it() {
        emptyVault();
        arm.kubernetes().appConfigurationProvider(snd4.azure().clusterId(), "flux-config", "adp-platform-vars", "adp-platform-vars",
                "adp-platform-secrets");

        apply(snd4);

        assertThat(progress.lines()).contains("secret flux-config/adp-platform-secrets holds key 'address' (delivered by its owner"
                + " from SSVADPINFKV3401/SND1404-ADP-EVENTHUB-CONNECTION)");
        assertThat(arm.clusterWrites()).isEmpty();
    }

    @Test
    void a_secret_left_by_an_earlier_direct_delivery_is_named_for_deletion_so_the_provider_can_take_over() {
        emptyVault();
        apply(repos.environment("snd4", "notifications.delivery=secret", "notifications.secretName=adp-platform-secrets"));

        apply(snd4);

        assertThat(progress.lines()).anyMatch(l -> l.startsWith("warning: secret flux-config/adp-platform-secrets was written by aksflux"
                + " (an earlier notifications.delivery: secret)") && l.contains("kubectl delete secret -n flux-config adp-platform-secrets"));
        assertThat(arm.clusterWrites()).hasSize(1); // the earlier direct delivery's; the Key Vault delivery wrote nothing there
    }

    @Test
    void a_vault_holding_an_older_connection_string_gets_the_current_one() {
        https.server().stubFor(get(urlPathEqualTo(SECRET_PATH + "/")).atPriority(1).withHeader("Authorization", equalTo("Bearer kv-token"))
                .willReturn(okJson(secretJson("Endpoint=sb://old;SharedAccessKey=old"))));
        https.server().stubFor(put(urlPathEqualTo(SECRET_PATH)).atPriority(1).withHeader("Authorization", equalTo("Bearer kv-token"))
                .willReturn(okJson(secretJson(address))));

        ApplyResult result = apply(snd4);

        https.server().verify(1, putRequestedFor(urlPathEqualTo(SECRET_PATH)).withHeader("Authorization", equalTo("Bearer kv-token")).withRequestBody(matchingJsonPath("$.value", equalTo(address))));
        assertThat(notifications(result).status()).isEqualTo("changed");
    }

    @Test
    void a_refused_write_names_the_role_and_never_the_value() {
        emptyVault();
        https.server().stubFor(put(urlPathEqualTo(SECRET_PATH)).atPriority(0).withHeader("Authorization", matching("Bearer .*"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"code\": \"Forbidden\", \"message\": \"Caller is not authorized\"}}")));

        assertThatThrownBy(() -> apply(snd4)).isInstanceOf(SecretUnavailableException.class)
                .hasMessage("${keyvault:SSVADPINFKV3401/SND1404-ADP-EVENTHUB-CONNECTION}: Key Vault answered 403; the identity needs"
                        + " the Key Vault Secrets Officer role (getSecret, setSecret) on vault 'SSVADPINFKV3401'");
        assertThat(arm.writes()).isEmpty();
    }

    @Test
    void an_unnamed_key_vault_secret_stops_apply_before_anything_is_read_or_written() {
        Environment unnamed = repos.environment("snd4", "notifications.delivery=keyVault", "notifications.keyVault.secret=null");

        assertThatThrownBy(() -> apply(unnamed)).isInstanceOf(ProvisioningFailedException.class)
                .hasMessageContaining("notifications.keyVault.secret not set").hasMessageContaining("notifications.delivery: secret");
        assertThat(arm.requests()).isEmpty();
        assertThat(https.server().getAllServeEvents()).isEmpty();
        assertThat(repos.remote.log(repos.core, "main")).hasSize(1);
    }

    @Test
    void the_plan_lists_no_cluster_secret_when_another_controller_owns_it() {
        String plan = PlanJson.write(Workspaces.shipped().planOffline("snd4", java.util.List.of()));

        assertThat(plan).doesNotContain("\"target\" : \"cluster\"");
    }
}
