package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aksflux.support.GitRepos;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user sees when something in Git stops snd4 from converging. */
class ApplyBlockersTest extends EstatePerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNRESOLVED_TEAM = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
            + "resources:\n  - ../../teams/missing\n";

    @Test
    void a_kustomization_path_deleted_after_apply_stops_apply_with_skip_seed_naming_the_path() {
        assertThat(estate.aksflux("apply", "snd4", "--yes").exitCode()).isZero();
        GitRepos.delete(estate.core, "infra/snd/04", "remove snd4 infra");
        int writes = estate.writes().size();

        Cli.Result result = estate.aksflux("apply", "snd4", "--yes", "--skip", "seed", "--wait-timeout", "10m");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).as(result.toString()).contains("error: path ./infra/snd/04 of kustomization 'infra' does not exist in "
                + GitRepos.url(estate.core) + " at main (seed the environment with 'aksflux seed snd4' or fix flux.kustomizations)");
        assertThat(result.err()).doesNotContain("./clusters/snd/04", "./services/snd/04");
        assertThat(estate.writes()).as("nothing written to ARM").hasSize(writes);
    }

    @Test
    void a_kustomization_path_deleted_after_apply_is_named_by_converge_when_the_checks_are_skipped() {
        assertThat(estate.aksflux("apply", "snd4", "--yes").exitCode()).isZero();
        GitRepos.delete(estate.core, "infra/snd/04", "remove snd4 infra");
        int writes = estate.writes().size();

        Cli.Result result = estate.aksflux("apply", "snd4", "--yes", "--skip", "preflight,seed", "--wait-timeout", "10m");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.TIMED_OUT);
        assertThat(result.err()).as(result.toString()).containsSubsequence("not compliant when the wait timed out:",
                "Kustomization flux-config-infra: Non-Compliant: kustomization path not found: stat ", "/infra/snd/04: no such file or directory");
        assertThat(result.err()).contains("flux-config-services: Pending: dependency 'flux-config/flux-config-infra' is not ready");
        assertThat(estate.writes()).as("nothing to write: the environment itself did not change").hasSize(writes);
    }

    @Test
    void a_kustomization_path_deleted_after_apply_is_seeded_again_by_the_next_apply() {
        assertThat(estate.aksflux("apply", "snd4", "--yes").exitCode()).isZero();
        GitRepos.delete(estate.core, "infra/snd/04", "remove snd4 infra");
        String deleted = GitRepos.head(estate.core);

        Cli.Result result = estate.aksflux("apply", "snd4", "--yes");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(GitRepos.head(estate.core)).isNotEqualTo(deleted);
        assertThat(result.err()).contains("core: pushed " + GitRepos.head(estate.core) + " to main");
        assertThat(GitRepos.files(estate.core)).contains("infra/snd/04/kustomization.yaml");
        assertThat(result.out()).contains("seed          changed    pushed core ", "converge      done       every kustomization Compliant");
    }

    @Test
    void a_team_entry_that_does_not_resolve_times_out_naming_the_services_kustomization_and_the_missing_folder() {
        GitRepos.commit(estate.core, Map.of("services/snd/04/kustomization.yaml", UNRESOLVED_TEAM), "team entry");

        Cli.Result result = estate.aksflux("apply", "snd4", "--yes", "--wait-timeout", "10m");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.TIMED_OUT);
        assertThat(result.out()).startsWith("apply snd4: timed out waiting for convergence")
                .contains("converge      timed-out  1 object(s) not compliant");
        assertThat(result.err()).containsSubsequence("not compliant when the wait timed out:", "flux-config-services", "teams/missing");
        assertThat(result.err()).doesNotContain("  Kustomization flux-config-infra:");
    }

    @Test
    void a_convergence_timeout_in_json_is_one_object_with_the_blocking_kustomization() throws Exception {
        GitRepos.commit(estate.core, Map.of("services/snd/04/kustomization.yaml", UNRESOLVED_TEAM), "team entry");

        Cli.Result result = estate.aksflux("apply", "snd4", "--yes", "--wait-timeout", "10m", "-o", "json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.TIMED_OUT);
        assertThat(JSON.readerFor(JsonNode.class).readValues(result.out()).readAll()).hasSize(1);
        JsonNode json = JSON.readTree(result.out());
        assertThat(json.get("outcome").asText()).isEqualTo("TIMED_OUT");
        assertThat(json.get("blocking")).hasSize(1);
        assertThat(json.at("/blocking/0/name").asText()).isEqualTo("flux-config-services");
        assertThat(json.at("/blocking/0/message").asText()).contains("teams/missing");
    }
}
