package io.aksflux.cli;

import io.aksflux.emulator.ClusterSpec;
import io.aksflux.emulator.RecordedRequest;
import io.aksflux.environment.Environment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * snd4 on an Entra-only private cluster, as the reference platform's (AKS-managed Entra ID with Azure RBAC, local
 * accounts disabled, private API server), through the command line: run command carries the AKS token from
 * {@code AKSFLUX_AKS_TOKEN}, which no output ever holds.
 */
class EntraClusterCliTest extends EstatePerTest {
    private final String aksToken = "aks-token-" + UUID.randomUUID();
    private Environment snd4;

    @BeforeEach
    void entraOnlyCluster() {
        snd4 = Estate.environment("snd4");
        estate.emulator.addCluster(ClusterSpec.of(snd4.azure().subscriptionId(), snd4.azure().resourceGroup(), snd4.azure().cluster())
                .withAccess(ClusterSpec.Access.ENTRA_ONLY));
    }

    private List<RecordedRequest> runCommands() {
        return estate.emulator.requests().stream().filter(r -> r.path().endsWith("/runCommand")).toList();
    }

    @Test
    void apply_plan_and_status_work_with_the_aks_token_which_no_output_holds() {
        Cli.Result apply = estate.aksflux(Map.of("AKSFLUX_AKS_TOKEN", aksToken), "apply", "snd4", "--yes");
        Cli.Result plan = estate.aksflux(Map.of("AKSFLUX_AKS_TOKEN", aksToken), "plan", "snd4");
        Cli.Result status = estate.aksflux(Map.of("AKSFLUX_AKS_TOKEN", aksToken), "status", "snd4");

        assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCodes.OK);
        assertThat(apply.out()).contains("notifications changed    create Secret flux-config/aksflux-notification");
        assertThat(apply.err()).contains("cluster " + snd4.azure().cluster() + ": AKS-managed Entra ID with Azure RBAC, local accounts disabled,"
                + " private API server, run command enabled (sends a clusterToken)");
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCodes.OK);
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(ExitCodes.OK);
        assertThat(runCommands()).isNotEmpty().allSatisfy(r -> assertThat(r.body().path("clusterToken").asText()).isEqualTo(aksToken));
        for (Cli.Result result : List.of(apply, plan, status)) {
            assertThat(result.out() + result.err()).as("no output holds the AKS token\n%s", result).doesNotContain(aksToken);
        }
    }

    @Test
    void apply_with_only_a_prefetched_arm_token_stops_naming_the_cause_and_writes_nothing() {
        Cli.Result result = estate.aksflux("apply", "snd4", "--yes");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("cluster " + snd4.azure().cluster() + " uses AKS-managed Entra ID with local accounts disabled",
                "clusterToken for the AKS server application 6dae42f8-4368-4678-94ff-3960e28e3630", "AKSFLUX_AKS_TOKEN", "re-run skipping the notifications stage");
        assertThat(estate.writes()).isEmpty();
    }

    @Test
    void plan_with_only_a_prefetched_arm_token_names_the_cause_instead_of_reading_the_secret() {
        Cli.Result result = estate.aksflux("plan", "snd4");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("disableLocalAccounts: true", "AKSFLUX_AKS_TOKEN");
        assertThat(runCommands()).isEmpty();
    }

    @Test
    void apply_stops_in_preflight_when_run_command_is_disabled_and_says_how_to_proceed() {
        estate.emulator.addCluster(ClusterSpec.of(snd4.azure().subscriptionId(), snd4.azure().resourceGroup(), snd4.azure().cluster())
                .withAccess(ClusterSpec.Access.ENTRA_ONLY.withRunCommandDisabled(true)));

        Cli.Result refused = estate.aksflux(Map.of("AKSFLUX_AKS_TOKEN", aksToken), "apply", "snd4", "--yes");
        Cli.Result skipped = estate.aksflux(Map.of("AKSFLUX_AKS_TOKEN", aksToken), "apply", "snd4", "--yes", "--skip", "notifications");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(refused.err()).contains("cluster " + snd4.azure().cluster() + " has run command disabled (apiServerAccessProfile.disableRunCommand: true)",
                "re-run skipping the notifications stage", "az aks update -g " + snd4.azure().resourceGroup() + " -n " + snd4.azure().cluster() + " --enable-run-command");
        assertThat(skipped.exitCode()).as(skipped.toString()).isEqualTo(ExitCodes.OK);
        assertThat(skipped.err()).contains("run command disabled");
        assertThat(runCommands()).isEmpty();
    }
}
