package io.aksflux.cli;

import io.aksflux.emulator.RecordedRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shipped environment applied through the real command line against one estate: one emulator with all
 * nine clusters, one core and one services repository they are all seeded into side by side, as on a real
 * platform. Short simulated operations keep the nine applies to seconds.
 */
class ApplyEachShippedEnvironmentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static Estate estate;
    private static final Map<String, Cli.Result> FIRST_APPLY = new HashMap<>();

    @BeforeAll
    static void start() {
        estate = Estate.quick(dir);
    }

    @AfterAll
    static void stop() {
        estate.close();
    }

    static List<String> environments() {
        return List.of("snd1", "snd2", "snd3", "snd4", "dev1", "tst1", "tst2", "pre1", "prd1");
    }

    @Test
    void the_estate_is_the_nine_shipped_environments() {
        assertThat(Estate.shippedEnvironments()).containsExactlyInAnyOrderElementsOf(environments());
    }

    @ParameterizedTest
    @MethodSource("environments")
    void apply_of_every_environment_converges_with_every_kustomization_compliant(String env) {
        Cli.Result result = appliedOnce(env);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).as(result.toString()).startsWith("apply " + env + ": converged")
                .contains("converge      done       every kustomization Compliant");
        assertThat(estate.writesTo(env)).extracting(RecordedRequest::summary)
                .containsExactly(Estate.notificationSecret(env), "PUT " + Estate.EXTENSION + " 201", "PUT " + Estate.FLUX + " 201");
        assertThat(estate.emulator.clusterSecret(Estate.environment(env).azure().clusterId(), "flux-config", "aksflux-notification")).isPresent();
        assertThat(estate.emulator.resource(Estate.environment(env).azure().clusterId() + Estate.FLUX)).hasValueSatisfying(flux -> {
            assertThat(flux.at("/properties/complianceState").asText()).isEqualTo("Compliant");
            assertThat(flux.at("/properties/statuses")).isNotEmpty().allSatisfy(object ->
                    assertThat(object.at("/complianceState").asText()).as(object.toString()).isEqualTo("Compliant"));
        });
    }

    @ParameterizedTest
    @MethodSource("environments")
    void second_apply_of_every_environment_writes_nothing(String env) {
        appliedOnce(env);
        int writes = estate.writes().size();
        String heads = estate.heads();

        Cli.Result second = estate.aksflux("apply", env, "--yes");

        assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.OK);
        assertThat(estate.writes()).as("no PUT, DELETE, POST action or runCommand kubectl apply").hasSize(writes);
        assertThat(estate.heads()).as("no new commit in core or services").isEqualTo(heads);
        assertThat(second.out()).contains("seed          unchanged  nothing to commit",
                "notifications unchanged  none Secret flux-config/aksflux-notification", "extension     unchanged  none",
                "flux          unchanged  none");
    }

    @ParameterizedTest
    @MethodSource("environments")
    void plan_of_every_applied_environment_has_no_changes(String env) {
        appliedOnce(env);

        Cli.Result plan = estate.aksflux("plan", env, "--detailed-exitcode");

        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCodes.OK);
    }

    @ParameterizedTest
    @MethodSource("environments")
    void status_of_every_applied_environment_is_compliant(String env) throws Exception {
        appliedOnce(env);

        Cli.Result status = estate.aksflux("status", env, "-o", "json");

        assertThat(status.exitCode()).as(status.toString()).isEqualTo(ExitCodes.OK);
        JsonNode json = JSON.readTree(status.out());
        assertThat(json.get("environment").asText()).isEqualTo(env);
        assertThat(json.at("/fluxConfiguration/complianceState").asText()).as(status.out()).isEqualTo("Compliant");
        assertThat(json.at("/fluxConfiguration/statuses")).isNotEmpty();
    }

    /** The first apply of an environment, run once whichever test needs it first. */
    private static synchronized Cli.Result appliedOnce(String env) {
        return FIRST_APPLY.computeIfAbsent(env, e -> estate.aksflux("apply", e, "--yes"));
    }
}
