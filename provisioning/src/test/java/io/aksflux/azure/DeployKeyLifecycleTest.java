package io.aksflux.azure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.aksflux.apply.ApplyRequest;
import io.aksflux.apply.ApplyResult;
import io.aksflux.apply.DeployKeyOptions;
import io.aksflux.apply.ProvisioningFailedException;
import io.aksflux.apply.Provisioner;
import io.aksflux.apply.Stage;
import io.aksflux.change.PlanJson;
import io.aksflux.desired.DesiredState;
import io.aksflux.environment.Environment;
import io.aksflux.git.GitHubDeployKeys;
import io.aksflux.secret.Redactor;
import io.aksflux.secret.SecretResolver;
import io.aksflux.secret.SshKeyPair;
import io.aksflux.support.FakeArm;
import io.aksflux.support.HttpsWireMock;
import io.aksflux.support.InMemoryRepos;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.SimulatedTicker;
import io.aksflux.support.Workspaces;
import io.aksflux.template.TemplateSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A deploy key's lifecycle through the deploy-keys stage: the real Key Vault client and GitHub's deploy-key API over
 * HTTPS (one WireMock standing in for both: the vault at {@code /secrets}, GitHub at {@code /repos}), the cluster's
 * Secret through run command on the in-memory ARM. Created once, unchanged on a re-run, rotated on request; another
 * host's key is printed and, in a pipeline, waits for confirmation; a Secret another controller owns is refused; and
 * the private key appears in no output, request text or message.
 */
class DeployKeyLifecycleTest {
    private static final String VAULT_PATH = "/secrets/apps-deploykey";
    private static final String KEYS = "/repos/my-org/apps/keys";
    private static final String KNOWN_HOSTS = "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final HttpsWireMock https = new HttpsWireMock();

    @TempDir
    Path dir;
    private InMemoryRepos repos;
    private Environment snd4;
    private FakeArm arm;
    private final SimulatedTicker ticker = new SimulatedTicker();
    private final RecordingProgress progress = new RecordingProgress();
    private final List<String> messages = new ArrayList<>();

    @BeforeEach
    void platform() {
        https.challengeAsKeyVault();
        repos = new InMemoryRepos(dir);
        snd4 = environment("ssh://git@github.com/my-org/apps.git");
        arm = FakeArm.healthy(snd4);
        vaultHolds(null);
        githubHolds();
        https.server().stubFor(post(urlPathEqualTo(KEYS)).atPriority(1).withHeader("Authorization", equalTo("Bearer gh-token"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"id\": 8}")));
        https.server().stubFor(delete(urlPathMatching(KEYS + "/\\d+")).atPriority(1).withHeader("Authorization", equalTo("Bearer gh-token"))
                .willReturn(aResponse().withStatus(204)));
    }

    private Environment environment(String repository, String... more) {
        List<String> overrides = new ArrayList<>(List.of("deployKeys.apps-deploykey.namespace=flux-system",
                "deployKeys.apps-deploykey.repository=" + repository, "deployKeys.apps-deploykey.keyVault.vault=platform-kv",
                "deployKeys.apps-deploykey.keyVault.secret=apps-deploykey", "deployKeys.apps-deploykey.knownHosts=" + KNOWN_HOSTS));
        overrides.addAll(List.of(more));
        return repos.environment("snd4", overrides.toArray(String[]::new));
    }

    /** The vault answers with {@code value} (null: no such secret) and takes any new version. */
    private void vaultHolds(String value) {
        https.server().stubFor(get(urlPathEqualTo(VAULT_PATH + "/")).atPriority(1).withHeader("Authorization", equalTo("Bearer kv-token"))
                .willReturn(value == null ? aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"code\": \"SecretNotFound\", \"message\": \"not found\"}}") : okJson(secretJson(value))));
        https.server().stubFor(put(urlPathEqualTo(VAULT_PATH)).atPriority(1).withHeader("Authorization", equalTo("Bearer kv-token"))
                .willReturn(okJson(secretJson("stored"))));
    }

    /** GitHub lists these public keys (ids 7, 8, …) as the repository's deploy keys. */
    private void githubHolds(String... publicKeys) {
        StringBuilder keys = new StringBuilder("[");
        for (int i = 0; i < publicKeys.length; i++) {
            keys.append(i == 0 ? "" : ",").append("{\"id\": ").append(7 + i).append(", \"key\": \"").append(publicKeys[i])
                    .append("\", \"title\": \"aksflux snd4 apps-deploykey\", \"read_only\": true}");
        }
        https.server().stubFor(get(urlPathEqualTo(KEYS)).atPriority(1).withHeader("Authorization", equalTo("Bearer gh-token"))
                .willReturn(okJson(keys.append("]").toString())));
    }

    private static String secretJson(String value) {
        return JSON.createObjectNode().put("value", value).put("id", "https://localhost" + VAULT_PATH + "/1").toString();
    }

    private ApplyResult apply(Environment env, DeployKeyOptions options) {
        var desired = DesiredState.of(env, TemplateSource.directory(Workspaces.templates()));
        KeyVaultSecrets keyVault = KeyVaultSecrets.at(https.url(), ArmCredentials.token("kv-token"), https.ca());
        try {
            ApplyResult result = new Provisioner(arm, repos.remote, ticker.pacing(), progress).apply(new ApplyRequest(env, desired,
                    Set.of(Stage.NOTIFICATIONS), false, Duration.ofMinutes(20), false, false, new SecretResolver(Map.of(), keyVault),
                    java.util.Optional.empty(), false, options));
            messages.add(result.toString());
            return result;
        } catch (RuntimeException e) {
            messages.add(e.toString());
            throw e;
        }
    }

    private ApplyResult apply(DeployKeyOptions options) {
        return apply(snd4, options);
    }

    private static DeployKeyOptions github(boolean rotate) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().sslContext(TrustedCertificates.withExtraCa(https.ca())).build();
        return new DeployKeyOptions(new GitHubDeployKeys(http, https.url(), "gh-token"), rotate, false, true);
    }

    private static ApplyResult.StageResult deployKeys(ApplyResult result) {
        return result.stages().stream().filter(s -> s.stage().equals("deploy-keys")).findFirst().orElseThrow();
    }

    private static List<LoggedRequest> requests(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
        return https.server().findAll(pattern);
    }

    /** The private key the last Key Vault write stored. */
    private static String storedPrivateKey() throws Exception {
        List<LoggedRequest> puts = requests(putRequestedFor(urlPathEqualTo(VAULT_PATH)));
        return JSON.readTree(puts.get(puts.size() - 1).getBodyAsString()).path("value").asText();
    }

    private static String postedPublicKey(int index) throws Exception {
        return JSON.readTree(requests(postRequestedFor(urlPathEqualTo(KEYS))).get(index).getBodyAsString()).path("key").asText();
    }

    /** Every text a person, a log or another system could see: progress, results, messages, commands, GitHub's requests. */
    private String everythingShown() {
        List<String> shown = new ArrayList<>(progress.lines());
        shown.addAll(messages);
        shown.addAll(arm.clusterCommands());
        requests(anyRequestedFor(urlPathMatching("/repos/.*"))).forEach(r -> shown.add(r.getUrl() + " " + r.getBodyAsString()));
        return String.join("\n", shown);
    }

    private void assertNoKeyMaterialShown(String privateKeyPem) {
        String shown = everythingShown();
        String body = privateKeyPem.replaceAll("-----[A-Z ]+-----", "").replace("\n", "");
        assertThat(shown).doesNotContain(body).doesNotContain("PRIVATE KEY");
        privateKeyPem.lines().filter(l -> !l.startsWith("-----")).forEach(line -> assertThat(shown).doesNotContain(line));
        assertThat(Redactor.shared().redact(privateKeyPem)).doesNotContain(body);
    }

    @Test
    void a_new_key_is_made_stored_registered_read_only_and_put_into_the_secret_once() throws Exception {
        ApplyResult result = apply(github(false));

        String pem = storedPrivateKey();
        SshKeyPair key = SshKeyPair.fromPrivateKeyPem(pem);
        assertThat(requests(putRequestedFor(urlPathEqualTo(VAULT_PATH)))).hasSize(1);
        assertThat(requests(postRequestedFor(urlPathEqualTo(KEYS)))).hasSize(1);
        assertThat(JSON.readTree(requests(postRequestedFor(urlPathEqualTo(KEYS))).get(0).getBodyAsString()))
                .isEqualTo(JSON.createObjectNode().put("title", "aksflux snd4 apps-deploykey").put("key", key.publicKey()).put("read_only", true));
        requests(anyRequestedFor(urlPathMatching("/repos/.*"))).forEach(r -> {
            assertThat(r.getHeader("Accept")).isEqualTo("application/vnd.github+json");
            assertThat(r.getHeader("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
        });
        assertThat(arm.clusterWrites()).hasSize(1);
        var secret = arm.clusterSecret(snd4, "flux-system", "apps-deploykey").orElseThrow();
        assertThat(secret.data()).containsEntry("identity", pem).containsEntry("identity.pub", key.publicKey() + "\n")
                .containsEntry("known_hosts", KNOWN_HOSTS + "\n");
        assertThat(secret.labels()).containsEntry("app.kubernetes.io/managed-by", "aksflux");
        assertThat(secret.annotations()).containsKey("aksflux.io/deploy-key-sha256");
        assertThat(deployKeys(result)).isEqualTo(new ApplyResult.StageResult("deploy-keys", "changed", "create deploy key flux-system/apps-deploykey"));
        assertThat(progress.lines()).contains("deploy key flux-system/apps-deploykey: registered as a read-only deploy key of my-org/apps on GitHub");
        assertNoKeyMaterialShown(pem);
    }

    @Test
    void a_re_run_finds_the_key_everywhere_and_writes_nothing() throws Exception {
        apply(github(false));
        String pem = storedPrivateKey();
        vaultHolds(pem);
        githubHolds(postedPublicKey(0) + " aksflux snd4 apps-deploykey");
        int commands = arm.clusterCommands().size();

        ApplyResult again = apply(github(false));

        // the journal holds both runs: the first run's one write each, and nothing more
        assertThat(requests(putRequestedFor(urlPathEqualTo(VAULT_PATH)))).hasSize(1);
        assertThat(requests(postRequestedFor(urlPathEqualTo(KEYS)))).hasSize(1);
        assertThat(arm.clusterWrites()).hasSize(1);
        assertThat(arm.clusterCommands().subList(commands, arm.clusterCommands().size())).allMatch(c -> c.startsWith("kubectl get secret"));
        assertThat(deployKeys(again)).isEqualTo(new ApplyResult.StageResult("deploy-keys", "unchanged", "none deploy key flux-system/apps-deploykey"));
        assertNoKeyMaterialShown(pem);
    }

    @Test
    void rotation_stores_and_registers_a_new_key_updates_the_secret_and_removes_the_old_key_from_github() throws Exception {
        apply(github(false));
        String oldPem = storedPrivateKey();
        String oldPublic = postedPublicKey(0);
        vaultHolds(oldPem);
        githubHolds(oldPublic);

        ApplyResult rotated = apply(github(true));

        String newPem = storedPrivateKey();
        assertThat(newPem).isNotEqualTo(oldPem);
        assertThat(requests(putRequestedFor(urlPathEqualTo(VAULT_PATH)))).hasSize(2);
        assertThat(postedPublicKey(1)).isEqualTo(SshKeyPair.fromPrivateKeyPem(newPem).publicKey()).isNotEqualTo(oldPublic);
        assertThat(requests(deleteRequestedFor(urlPathMatching(KEYS + "/.*")))).extracting(LoggedRequest::getUrl).containsExactly(KEYS + "/7");
        assertThat(arm.clusterWrites()).hasSize(2);
        assertThat(arm.clusterSecret(snd4, "flux-system", "apps-deploykey").orElseThrow().data()).containsEntry("identity", newPem);
        assertThat(deployKeys(rotated)).isEqualTo(new ApplyResult.StageResult("deploy-keys", "changed", "rotate deploy key flux-system/apps-deploykey"));
        assertNoKeyMaterialShown(oldPem);
        assertNoKeyMaterialShown(newPem);
    }

    @Test
    void another_hosts_key_is_printed_to_register_and_a_pipeline_stops_until_it_is_confirmed() throws Exception {
        Environment azdo = environment("ssh://git@ssh.dev.azure.com/v3/my-org/platform/apps",
                "deployKeys.apps-deploykey.knownHosts=ssh.dev.azure.com ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7Hr1oTWqNqOlzGJOfGJ4NakVyIzf1rXYd4d7wo6jBlkLvCA4odBlL0mDUyZ0");
        arm = FakeArm.healthy(azdo);
        DeployKeyOptions unconfirmed = new DeployKeyOptions(io.aksflux.git.DeployKeyHost.NONE, false, false, true);

        assertThatThrownBy(() -> apply(azdo, unconfirmed)).isInstanceOf(ProvisioningFailedException.class)
                .hasMessageContaining("register this public key as a read-only deploy key of ssh://git@ssh.dev.azure.com/v3/my-org/platform/apps: ssh-ed25519 AAAA")
                .hasMessageContaining("the Secret is not written yet");
        String pem = storedPrivateKey();
        assertThat(messages.get(0)).contains(SshKeyPair.fromPrivateKeyPem(pem).publicKey());
        assertThat(arm.clusterWrites()).isEmpty();
        vaultHolds(pem);

        ApplyResult confirmed = apply(azdo, new DeployKeyOptions(io.aksflux.git.DeployKeyHost.NONE, false, true, true));

        assertThat(requests(putRequestedFor(urlPathEqualTo(VAULT_PATH)))).hasSize(1); // the same key, kept from the first run
        assertThat(arm.clusterSecret(azdo, "flux-system", "apps-deploykey").orElseThrow().data()).containsEntry("identity", pem);
        assertThat(deployKeys(confirmed).status()).isEqualTo("changed");
        assertThat(requests(anyRequestedFor(urlPathMatching("/repos/.*")))).isEmpty();

        ApplyResult rerun = apply(azdo, unconfirmed); // the Secret holds the key: it was confirmed when it was written

        assertThat(deployKeys(rerun).status()).isEqualTo("unchanged");
        assertNoKeyMaterialShown(pem);
    }

    @Test
    void outside_a_pipeline_another_hosts_key_is_a_warning_with_the_public_key_and_the_secret_is_written() throws Exception {
        Environment other = environment("git@git.example.com:platform/apps.git");
        arm = FakeArm.healthy(other);

        apply(other, new DeployKeyOptions(io.aksflux.git.DeployKeyHost.NONE, false, false, false));

        String publicKey = SshKeyPair.fromPrivateKeyPem(storedPrivateKey()).publicKey();
        assertThat(progress.lines()).anyMatch(l -> l.startsWith("warning: deploy key flux-system/apps-deploykey: register this public key")
                && l.contains(publicKey) && l.contains("git@git.example.com:platform/apps.git"));
        assertThat(arm.clusterWrites()).hasSize(1);
        assertNoKeyMaterialShown(storedPrivateKey());
    }

    @Test
    void a_secret_another_controller_owns_is_refused_before_any_key_is_made_stored_or_registered() {
        arm.kubernetes().appConfigurationProvider(snd4.azure().clusterId(), "flux-system", "adp-platform-vars", null, "apps-deploykey");
        var before = arm.clusterSecret(snd4, "flux-system", "apps-deploykey").orElseThrow();

        assertThatThrownBy(() -> apply(github(false))).isInstanceOf(ProvisioningFailedException.class)
                .hasMessageStartingWith("secret flux-system/apps-deploykey exists and is not aksflux's: it is owned by"
                        + " AzureAppConfigurationProvider/adp-platform-vars (ownerReferences)")
                .hasMessageContaining("never creates or overwrites a Secret another controller owns");
        assertThat(arm.clusterWrites()).isEmpty();
        assertThat(arm.clusterSecret(snd4, "flux-system", "apps-deploykey")).contains(before);
        assertThat(requests(putRequestedFor(urlPathEqualTo(VAULT_PATH)))).isEmpty();
        assertThat(requests(anyRequestedFor(urlPathMatching("/repos/.*")))).isEmpty();
    }

    @Test
    void a_refused_github_token_is_named_without_the_token() {
        https.server().stubFor(get(urlPathEqualTo(KEYS)).atPriority(0).willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> apply(github(false))).isInstanceOf(io.aksflux.error.GitException.class)
                .hasMessage("GET deploy keys of my-org/apps: GitHub answered 403; the token needs admin rights on my-org/apps"
                        + " (classic: repo scope; fine-grained: Administration: write) and the repository must exist")
                .message().doesNotContain("gh-token");
        assertThat(arm.clusterWrites()).isEmpty();
    }

    @Test
    void the_offline_plan_shows_the_secret_and_never_a_key() {
        String plan = PlanJson.write(Provisioner.plan(snd4, DesiredState.of(snd4, TemplateSource.directory(Workspaces.templates())),
                io.aksflux.plan.ActualState.NOTHING));

        assertThat(plan).contains("\"namespace\" : \"flux-system\"").contains("\"name\" : \"apps-deploykey\"")
                .doesNotContain("PRIVATE KEY").doesNotContain("ssh-ed25519 AAAA");
    }
}
