package io.aksflux.apply;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aksflux.azure.AzureArmGateway;
import io.aksflux.desired.DesiredState;
import io.aksflux.emulator.ArmEmulator;
import io.aksflux.emulator.RecordedRequest;
import io.aksflux.environment.Environment;
import io.aksflux.change.PlanJson;
import io.aksflux.secret.SecretResolver;
import io.aksflux.secret.SecretSource;
import io.aksflux.support.EmulatedAzure;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.SeedFixture;
import io.aksflux.support.SimulatedTicker;
import io.aksflux.support.Workspaces;
import io.aksflux.template.TemplateSource;
import org.junit.jupiter.api.AfterEach;
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

import static io.aksflux.support.EmulatedAzure.EXTENSION;
import static io.aksflux.support.EmulatedAzure.FLUX;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protected settings through the real Azure SDK HTTP path against the emulator, which validates every PUT body
 * against the published spec and, like ARM, never returns protected settings on GET.
 */
class ProtectedSettingsOverHttpsTest {
    private static final String TOKEN = "ghp-0ver-https-s3cret";

    private final SimulatedTicker ticker = new SimulatedTicker();
    private final RecordingProgress progress = new RecordingProgress();
    private SeedFixture repos;
    private EmulatedAzure azure;
    private ArmEmulator emulator;
    private AzureArmGateway arm;
    private Environment snd4;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        azure = new EmulatedAzure(ticker, Duration.ofSeconds(30), Duration.ofSeconds(45));
        emulator = azure.emulator;
        arm = azure.arm;
        repos = new SeedFixture(dir);
        snd4 = environment();
        azure.add(snd4);
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    private Environment environment(String... more) {
        List<String> overrides = new ArrayList<>(List.of("flux.protectedSettings.httpsKey=${env:CORE_GIT_TOKEN}"));
        overrides.addAll(List.of(more));
        return repos.environment("snd4", overrides.toArray(String[]::new));
    }

    private ApplyResult apply(Environment env, boolean resend) {
        var desired = DesiredState.of(env, TemplateSource.directory(Workspaces.templates()));
        return new Provisioner(arm, SeedFixture.localRemote(), ticker.pacing(), progress).apply(new ApplyRequest(env, desired, Set.of(),
                true, Duration.ofMinutes(20), false, resend, new SecretResolver(Map.of("CORE_GIT_TOKEN", TOKEN), SecretSource.NONE)));
    }

    private List<RecordedRequest> puts(String resource) {
        return emulator.requests().stream().filter(r -> r.method().equals("PUT") && r.path().endsWith(resource)).toList();
    }

    private static String encodedToken() {
        return Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_secret_reaches_the_put_body_validated_by_the_spec_and_is_never_returned() {
        apply(snd4, false);

        assertThat(puts(FLUX)).singleElement().satisfies(put -> {
            assertThat(put.status()).isEqualTo(201); // the emulator refuses a body the published spec does not accept
            assertThat(put.body().at("/properties/configurationProtectedSettings/httpsKey").asText()).isEqualTo(encodedToken());
        });
        assertThat(emulator.resource(snd4.azure().clusterId() + FLUX)).hasValueSatisfying(flux ->
                assertThat(flux.toString()).doesNotContain(encodedToken()));
    }

    @Test
    void a_second_apply_makes_no_put() {
        apply(snd4, false);

        ApplyResult second = apply(snd4, false);

        assertThat(second.wroteAnything()).isFalse();
        assertThat(puts(FLUX)).hasSize(1);
        assertThat(puts(EXTENSION)).hasSize(1);
    }

    @Test
    void resend_puts_the_flux_configuration_once_with_the_secret_and_leaves_the_extension_alone() {
        apply(snd4, false);

        apply(snd4, true);

        assertThat(puts(FLUX)).hasSize(2).last().satisfies(put -> {
            assertThat(put.status()).isEqualTo(200);
            assertThat(put.body().at("/properties/configurationProtectedSettings/httpsKey").asText()).isEqualTo(encodedToken());
        });
        assertThat(puts(EXTENSION)).hasSize(1);
    }

    @Test
    void an_update_of_another_field_carries_the_secret() {
        apply(snd4, false);

        apply(environment("flux.kustomizations.infra.retryInterval=2m"), false);

        assertThat(puts(FLUX)).hasSize(2).last().satisfies(put -> {
            assertThat(put.body().at("/properties/kustomizations/infra/retryIntervalInSeconds").asLong()).isEqualTo(120);
            assertThat(put.body().at("/properties/configurationProtectedSettings/httpsKey").asText()).isEqualTo(encodedToken());
        });
    }

    @Test
    void the_secret_is_in_no_progress_line_plan_or_result() throws Exception {
        ApplyResult created = apply(snd4, false);
        ApplyResult resent = apply(snd4, true);
        String plan = PlanJson.write(Provisioner.plan(snd4, DesiredState.of(snd4, TemplateSource.directory(Workspaces.templates())),
                new OnlineState(arm), true));

        List<String> elsewhere = new ArrayList<>(progress.lines());
        elsewhere.add(new ObjectMapper().writeValueAsString(List.of(created, resent)));
        elsewhere.add(plan);
        for (String secret : List.of(TOKEN, encodedToken())) {
            assertThat(elsewhere).noneMatch(text -> text.contains(secret));
        }
        assertThat(plan).contains("\"path\" : \"properties.configurationProtectedSettings.httpsKey\"",
                "\"before\" : \"(sensitive)\"", "\"after\" : \"(sensitive)\"");
    }
}
