package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aksflux.engine.EstateWait;
import io.aksflux.wait.Target;
import io.aksflux.wait.TargetState;
import io.aksflux.wait.WaitReport;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The wait's output as pipelines read it: the JSON shape the README documents, one text line per target, the exit code. */
class WaitViewTest {
    private static final Target.HelmRelease WEB = Target.HelmRelease.parse("ffc-demo-web", "4.32.30");
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static EstateWait.Entry entry(String environment, WaitReport.Outcome outcome, TargetState... targets) {
        return new EstateWait.Entry(environment, Optional.of(new WaitReport(environment, outcome, List.of(targets), Duration.ofMinutes(20))),
                Optional.empty());
    }

    private static TargetState web(TargetState.State state, String seen, String message) {
        return new TargetState(WEB, state, "flux-config", "4.32.30", seen, message);
    }

    private int render(boolean json, EstateWait.Entry... entries) {
        return WaitView.render(new EstateWait(List.of(entries)), json, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void json_has_the_documented_shape() throws Exception {
        int exit = render(true, entry("snd4", WaitReport.Outcome.READY, web(TargetState.State.READY, "4.32.30",
                        "Helm upgrade succeeded for release flux-config/ffc-demo-web.v7 with chart ffc-demo-web@4.32.30")),
                entry("tst1", WaitReport.Outcome.TIMED_OUT, web(TargetState.State.PENDING, "4.32.29", "4.32.29 Ready, waiting for 4.32.30")));

        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(exit).isEqualTo(ExitCodes.TIMED_OUT);
        assertThat(root.get("outcome").asText()).isEqualTo("timed-out");
        assertThat(root.get("environments")).hasSize(2);
        JsonNode snd4 = root.get("environments").get(0);
        assertThat(snd4.get("environment").asText()).isEqualTo("snd4");
        assertThat(snd4.get("outcome").asText()).isEqualTo("ready");
        assertThat(snd4.has("error")).isFalse();
        JsonNode target = snd4.get("targets").get(0);
        assertThat(target.fieldNames()).toIterable().containsExactly("kind", "namespace", "name", "wanted", "seen", "state", "ready", "message");
        assertThat(target.get("kind").asText()).isEqualTo("HelmRelease");
        assertThat(target.get("namespace").asText()).isEqualTo("flux-config");
        assertThat(target.get("name").asText()).isEqualTo("ffc-demo-web");
        assertThat(target.get("wanted").asText()).isEqualTo("4.32.30");
        assertThat(target.get("seen").asText()).isEqualTo("4.32.30");
        assertThat(target.get("state").asText()).isEqualTo("ready");
        assertThat(target.get("ready").asBoolean()).isTrue();
        JsonNode tst1 = root.get("environments").get(1);
        assertThat(tst1.get("outcome").asText()).isEqualTo("timed-out");
        assertThat(tst1.get("targets").get(0).get("ready").asBoolean()).isFalse();
        assertThat(tst1.get("error").get("kind").asText()).isEqualTo("timeout");
        assertThat(tst1.get("error").get("exitCode").asInt()).isEqualTo(ExitCodes.TIMED_OUT);
        assertThat(tst1.get("error").get("message").asText()).contains("HelmRelease flux-config/ffc-demo-web at 4.32.30");
    }

    @Test
    void a_failure_anywhere_wins_over_a_timeout_elsewhere() throws Exception {
        int exit = render(true, entry("snd4", WaitReport.Outcome.TIMED_OUT, web(TargetState.State.PENDING, "", "not reported yet")),
                entry("tst1", WaitReport.Outcome.FAILED, web(TargetState.State.FAILED, "4.32.30", "Helm upgrade failed for release"
                        + " flux-config/ffc-demo-web with chart ffc-demo-web@4.32.30: context deadline exceeded")));

        assertThat(exit).isEqualTo(ExitCodes.ERROR);
        JsonNode tst1 = new ObjectMapper().readTree(out.toString()).get("environments").get(1);
        assertThat(tst1.get("error").get("kind").asText()).isEqualTo("release-failed");
        assertThat(err.toString()).contains("error: tst1: HelmRelease flux-config/ffc-demo-web at 4.32.30 failed: Helm upgrade failed"
                + " for release flux-config/ffc-demo-web with chart ffc-demo-web@4.32.30: context deadline exceeded");
    }

    @Test
    void text_is_one_line_per_environment_and_target() {
        var api = new TargetState(Target.HelmRelease.parse("ffc-demo/ffc-demo-api", "2.0.1"), TargetState.State.READY, "ffc-demo", "2.0.1",
                "2.0.1", "Helm install succeeded for release ffc-demo/ffc-demo-api.v1 with chart ffc-demo-api@2.0.1");
        int exit = render(false, entry("snd4", WaitReport.Outcome.READY, web(TargetState.State.READY, "4.32.30", "ok"), api),
                new EstateWait.Entry("tst1", Optional.empty(), Optional.of(new io.aksflux.apply.ProvisioningFailedException(
                        "flux configuration flux-config not found on cluster x: apply the environment first"))));

        assertThat(exit).isEqualTo(ExitCodes.ERROR);
        assertThat(out.toString().lines().toList()).hasSize(4).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith("ENVIRONMENT  KIND           NAME");
            assertThat(lines.get(1)).matches("snd4 +HelmRelease +flux-config/ffc-demo-web +4\\.32\\.30 +4\\.32\\.30 +ready +ok");
            assertThat(lines.get(2)).matches("snd4 +HelmRelease +ffc-demo/ffc-demo-api +2\\.0\\.1 +2\\.0\\.1 +ready +Helm install succeeded.*");
            assertThat(lines.get(3)).isEqualTo("tst1         ERROR: flux configuration flux-config not found on cluster x: apply the environment first");
        });
    }

    @Test
    void every_target_ready_everywhere_is_exit_0_with_nothing_on_stderr() {
        int exit = render(false, entry("snd4", WaitReport.Outcome.READY, web(TargetState.State.READY, "4.32.30", "ok")));

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void details_read_in_the_cluster_follow_the_failure_on_stderr_and_in_json() throws Exception {
        var failed = new EstateWait.Entry("snd4", Optional.of(new WaitReport("snd4", WaitReport.Outcome.FAILED,
                List.of(web(TargetState.State.FAILED, "4.32.30", "Helm upgrade failed")), Duration.ofMinutes(20),
                List.of("$ kubectl events -n flux-config --for helmrelease/ffc-demo-web", "2m  Warning  UpgradeFailed  timed out"))), Optional.empty());

        render(false, failed);
        StringWriter json = new StringWriter();
        WaitView.render(new EstateWait(List.of(failed)), true, new PrintWriter(json), new PrintWriter(new StringWriter()));

        assertThat(err.toString()).contains("error: snd4: HelmRelease flux-config/ffc-demo-web at 4.32.30 failed: Helm upgrade failed\n"
                + "  what the cluster says (run command):\n    $ kubectl events -n flux-config --for helmrelease/ffc-demo-web\n"
                + "    2m  Warning  UpgradeFailed  timed out\n");
        assertThat(new ObjectMapper().readTree(json.toString()).at("/environments/0/details/1").asText())
                .isEqualTo("2m  Warning  UpgradeFailed  timed out");
    }
}
