package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aksflux.emulator.RecordedRequest;
import io.aksflux.support.GitRepos;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A private core repository's token as a pipeline passes it: in a variable the environment file refers to. */
class ProtectedSettingsCliTest extends EstatePerTest {
    private static final String TOKEN = "core-repo-token-7f3c9a";
    private static final String ENCODED = Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
    private static final Map<String, String> VARIABLES = Map.of("CORE_GIT_TOKEN", TOKEN);
    private static final String REFERENCE = "flux.protectedSettings.httpsKey=${env:CORE_GIT_TOKEN}";

    private Cli.Result aksflux(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--set", REFERENCE));
        Cli.Result result = estate.aksflux(VARIABLES, all.toArray(String[]::new));
        assertThat(result.out() + result.err()).as("the secret never reaches output\n%s", result).doesNotContain(TOKEN, ENCODED);
        return result;
    }

    private List<RecordedRequest> fluxPuts() {
        return estate.emulator.requests().stream().filter(r -> r.method().equals("PUT") && r.path().endsWith(Estate.FLUX)).toList();
    }

    @Test
    void the_token_reaches_the_flux_configuration_put_base64_encoded_and_a_second_apply_sends_nothing() {
        assertThat(aksflux("apply", "snd4", "--yes").exitCode()).isZero();
        assertThat(fluxPuts()).singleElement().satisfies(put ->
                assertThat(put.body().at("/properties/configurationProtectedSettings/httpsKey").asText()).isEqualTo(ENCODED));
        int writes = estate.writes().size();

        Cli.Result second = aksflux("apply", "snd4", "--yes");

        assertThat(second.exitCode()).isZero();
        assertThat(estate.writes()).as("protected settings alone never make a change").hasSize(writes);
    }

    @Test
    void after_rotating_the_secret_plan_and_apply_resend_it_once() throws Exception {
        assertThat(aksflux("apply", "snd4", "--yes").exitCode()).isZero();

        Cli.Result plan = aksflux("plan", "snd4", "--resend-protected-settings", "--detailed-exitcode", "-o", "json");
        Cli.Result apply = aksflux("apply", "snd4", "--yes", "--resend-protected-settings");

        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCodes.CHANGES);
        JsonNode flux = new ObjectMapper().readTree(plan.out()).get("changes").findParents("diff").get(0);
        assertThat(flux.at("/diff/0/path").asText()).isEqualTo("properties.configurationProtectedSettings.httpsKey");
        assertThat(flux.at("/diff/0/after").asText()).isEqualTo("(sensitive)");
        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        assertThat(fluxPuts()).hasSize(2).last().satisfies(put ->
                assertThat(put.body().at("/properties/configurationProtectedSettings/httpsKey").asText()).isEqualTo(ENCODED));
    }

    @Test
    void a_missing_variable_stops_apply_naming_it_with_nothing_written() {
        Cli.Result result = estate.aksflux("apply", "snd4", "--yes", "--set", REFERENCE);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("CORE_GIT_TOKEN", "flux.protectedSettings.httpsKey");
        assertThat(estate.writes()).isEmpty();
        assertThat(GitRepos.files(estate.core)).doesNotContain("clusters/snd/04/kustomization.yaml");
    }
}
