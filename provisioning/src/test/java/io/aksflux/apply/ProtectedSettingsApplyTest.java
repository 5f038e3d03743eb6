package io.aksflux.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aksflux.desired.DesiredState;
import io.aksflux.environment.Environment;
import io.aksflux.change.PlanJson;
import io.aksflux.secret.SecretReference;
import io.aksflux.secret.SecretResolver;
import io.aksflux.secret.SecretSource;
import io.aksflux.secret.SecretUnavailableException;
import io.aksflux.support.FakeArm;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.InMemoryRepos;
import io.aksflux.support.SimulatedTicker;
import io.aksflux.support.Workspaces;
import io.aksflux.template.TemplateSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Protected settings through the engine with an in-memory ARM: resolved only by apply, sent with every PUT of their
 * resource, never compared (ARM does not return them), re-sent on request, and found nowhere but the PUT body.
 */
class ProtectedSettingsApplyTest {
    private static final String TOKEN = "ghp-s3cr3t-token-value";
    private static final String USER = "platform-bot";
    private static final String PROXY_PASSWORD = "kv-proxy-p4ssword";
    private static final Map<String, String> VARIABLES = Map.of("CORE_GIT_TOKEN", TOKEN, "CORE_GIT_USER", USER);
    private static final String[] PROTECTED = {
            "flux.protectedSettings.httpsKey=${env:CORE_GIT_TOKEN}",
            "flux.gitRepository.httpsUser=" + USER, // not a secret: ARM's gitRepository.httpsUser
            "extension.protectedSettings.proxy.password=${keyvault:platform-kv/proxy-password}"};

    @TempDir
    Path dir;
    private InMemoryRepos repos;
    private Environment snd4;
    private final SimulatedTicker ticker = new SimulatedTicker();
    private final RecordingProgress progress = new RecordingProgress();
    private final List<SecretReference.KeyVaultSecret> vaultReads = new ArrayList<>();
    private final SecretSource keyVault = secret -> {
        vaultReads.add(secret);
        return PROXY_PASSWORD;
    };

    @BeforeEach
    void repositories() {
        repos = new InMemoryRepos(dir);
        snd4 = repos.environment("snd4", PROTECTED);
    }

    private ApplyResult apply(FakeArm arm, Environment env, boolean resend, Map<String, String> variables) {
        var desired = DesiredState.of(env, TemplateSource.directory(Workspaces.templates()));
        return new Provisioner(arm, repos.remote, ticker.pacing(), progress).apply(new ApplyRequest(env, desired,
                Set.of(), true, Duration.ofMinutes(20), false, resend, new SecretResolver(variables, keyVault)));
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode protectedSettingsOf(FakeArm.Request put) {
        return put.body().at("/properties/configurationProtectedSettings");
    }

    @Test
    void a_create_sends_the_resolved_secrets_with_flux_base64_keys_encoded() {
        FakeArm arm = FakeArm.healthy(snd4);

        apply(arm, snd4, false, VARIABLES);

        assertThat(arm.writes()).hasSize(2);
        assertThat(protectedSettingsOf(arm.writes().get(0)).toString()).isEqualTo("{\"proxy.password\":\"" + PROXY_PASSWORD + "\"}");
        assertThat(protectedSettingsOf(arm.writes().get(1)).toString()).isEqualTo("{\"httpsKey\":\"" + base64(TOKEN) + "\"}");
        assertThat(arm.writes().get(1).body().at("/properties/gitRepository/httpsUser").asText()).isEqualTo(USER);
        assertThat(vaultReads).containsExactly(new SecretReference.KeyVaultSecret("platform-kv", "proxy-password"));
    }

    @Test
    void a_second_apply_makes_no_put_although_arm_never_returns_the_secrets() {
        FakeArm arm = FakeArm.healthy(snd4);
        apply(arm, snd4, false, VARIABLES);

        ApplyResult second = apply(arm, snd4, false, VARIABLES);

        assertThat(arm.writes()).hasSize(2);
        assertThat(second.wroteAnything()).isFalse();
    }

    @Test
    void resend_puts_each_resource_that_has_protected_settings_exactly_once() {
        FakeArm arm = FakeArm.healthy(snd4);
        apply(arm, snd4, false, VARIABLES);

        apply(arm, snd4, true, VARIABLES);

        assertThat(arm.writes()).extracting(FakeArm.Request::toString).containsExactly(
                "PUT Microsoft.KubernetesConfiguration/extensions/flux",
                "PUT Microsoft.KubernetesConfiguration/fluxConfigurations/flux-config",
                "PUT Microsoft.KubernetesConfiguration/extensions/flux",
                "PUT Microsoft.KubernetesConfiguration/fluxConfigurations/flux-config");
        assertThat(protectedSettingsOf(arm.writes().get(3)).path("httpsKey").asText()).isEqualTo(base64(TOKEN));
        assertThat(progress.lines()).contains("flux configuration flux-config: updating "
                + "properties.configurationProtectedSettings.httpsKey");
    }

    @Test
    void resend_leaves_a_resource_without_protected_settings_alone() {
        Environment fluxOnly = repos.environment("snd4", PROTECTED[0]);
        FakeArm arm = FakeArm.healthy(fluxOnly);
        apply(arm, fluxOnly, false, VARIABLES);

        apply(arm, fluxOnly, true, VARIABLES);

        assertThat(arm.writes()).extracting(FakeArm.Request::toString).containsExactly(
                "PUT Microsoft.KubernetesConfiguration/extensions/flux",
                "PUT Microsoft.KubernetesConfiguration/fluxConfigurations/flux-config",
                "PUT Microsoft.KubernetesConfiguration/fluxConfigurations/flux-config");
    }

    @Test
    void an_update_of_another_field_carries_the_secrets_so_arm_does_not_drop_them() {
        FakeArm arm = FakeArm.healthy(snd4);
        apply(arm, snd4, false, VARIABLES);
        List<String> suspended = new ArrayList<>(List.of(PROTECTED));
        suspended.add("flux.suspend=true");

        apply(arm, repos.environment("snd4", suspended.toArray(String[]::new)), false, VARIABLES);

        assertThat(arm.writes()).hasSize(3);
        FakeArm.Request update = arm.writes().get(2);
        assertThat(update.body().at("/properties/suspend").asBoolean()).isTrue();
        assertThat(protectedSettingsOf(update).path("httpsKey").asText()).isEqualTo(base64(TOKEN));
        assertThat(update.body().at("/properties/gitRepository/httpsUser").asText()).isEqualTo(USER);
    }

    @Test
    void a_missing_variable_names_it_and_the_field_and_nothing_is_written() {
        FakeArm arm = FakeArm.healthy(snd4);

        assertThatThrownBy(() -> apply(arm, snd4, false, Map.of("CORE_GIT_USER", USER)))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessage("flux.protectedSettings.httpsKey: environment variable CORE_GIT_TOKEN is not set;"
                        + " set it in the environment apply runs in (a secret pipeline variable)");
        assertThat(arm.writes()).isEmpty();
        assertThat(repos.remote.log(repos.core, "main")).hasSize(1);
        assertThat(progress.lines()).isEmpty();
    }

    @Test
    void a_key_vault_secret_that_cannot_be_read_stops_apply_before_any_write() {
        FakeArm arm = FakeArm.healthy(snd4);
        SecretSource refusing = secret -> {
            throw new SecretUnavailableException(secret + ": Key Vault answered 403");
        };
        var desired = DesiredState.of(snd4, TemplateSource.directory(Workspaces.templates()));

        assertThatThrownBy(() -> new Provisioner(arm, repos.remote, ticker.pacing(), progress).apply(new ApplyRequest(snd4,
                desired, Set.of(), true, Duration.ofMinutes(20), false, false, new SecretResolver(VARIABLES, refusing))))
                .hasMessage("extension.protectedSettings.proxy.password: ${keyvault:platform-kv/proxy-password}: Key Vault answered 403");
        assertThat(arm.writes()).isEmpty();
    }

    @Test
    void skipping_the_stages_that_send_secrets_reads_none() {
        FakeArm arm = FakeArm.healthy(snd4);
        var desired = DesiredState.of(snd4, TemplateSource.directory(Workspaces.templates()));

        new Provisioner(arm, repos.remote, ticker.pacing(), progress).apply(new ApplyRequest(snd4, desired,
                Set.of(Stage.EXTENSION, Stage.FLUX, Stage.CONVERGE), true, Duration.ofMinutes(20), false, false,
                new SecretResolver(Map.of(), keyVault)));

        assertThat(vaultReads).isEmpty();
        assertThat(arm.writes()).isEmpty();
    }

    @Test
    void the_secrets_appear_in_the_put_bodies_and_nowhere_else() throws Exception {
        FakeArm arm = FakeArm.healthy(snd4);
        ApplyResult created = apply(arm, snd4, false, VARIABLES);
        ApplyResult resent = apply(arm, snd4, true, VARIABLES);
        String plan = PlanJson.write(Provisioner.plan(snd4, DesiredState.of(snd4, TemplateSource.directory(Workspaces.templates())),
                new OnlineState(arm), true));
        String missing = "";
        try {
            apply(arm, snd4, false, Map.of("CORE_GIT_USER", USER));
        } catch (SecretUnavailableException e) {
            missing = e.getMessage();
        }

        List<String> elsewhere = new ArrayList<>(progress.lines());
        elsewhere.add(new ObjectMapper().writeValueAsString(created));
        elsewhere.add(new ObjectMapper().writeValueAsString(resent));
        elsewhere.add(plan);
        elsewhere.add(missing);
        elsewhere.add(snd4.toString());
        for (String secret : List.of(TOKEN, base64(TOKEN), PROXY_PASSWORD)) {
            assertThat(elsewhere).noneMatch(text -> text.contains(secret));
        }
        assertThat(plan).contains("\"httpsKey\" : \"(sensitive)\"");
        assertThat(arm.writes()).allMatch(put -> protectedSettingsOf(put).toString().contains(PROXY_PASSWORD)
                || protectedSettingsOf(put).toString().contains(base64(TOKEN)));
    }
}
