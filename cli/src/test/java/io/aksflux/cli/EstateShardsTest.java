package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aksflux.engine.Shard;
import io.aksflux.support.GitRepos;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The estate rebuild of {@code pipelines/estate-rebuild.yml}: {@code seed --all} once, then {@code apply --all --shard K/N
 * --skip seed} in N jobs, none of which pushes; and the seed of several environments on its own.
 */
class EstateShardsTest extends EstatePerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    Estate newEstate(Path dir) {
        return Estate.quick(dir);
    }

    @Test
    void one_seed_of_the_whole_estate_then_three_shards_apply_every_environment_once_and_push_nothing() throws Exception {
        List<String> nine = Estate.shippedEnvironments();

        Cli.Result seed = estate.aksflux("seed", "--all");

        assertThat(seed.exitCode()).as(seed.toString()).isEqualTo(ExitCodes.OK);
        assertThat(seed.out()).startsWith("seed of 9 environments: 9 seeded\n");
        for (Path repo : List.of(estate.core, estate.services)) {
            assertThat(GitRepos.log(repo, "main")).extracting(RevCommit::getShortMessage)
                    .containsExactly("aksflux: seed " + String.join(", ", nine), "start");
        }
        String heads = estate.heads();
        List<String> applied = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            Cli.Result shard = estate.aksflux("apply", "--all", "--shard", k + "/3", "--skip", "seed", "--yes", "-o", "json");

            assertThat(shard.exitCode()).as(shard.toString()).isEqualTo(ExitCodes.OK);
            JsonNode json = JSON.readTree(shard.out());
            List<String> names = new ArrayList<>();
            json.get("environments").forEach(env -> names.add(env.get("environment").asText()));
            assertThat(names).as("shard %d/3", k).containsExactlyElementsOf(new Shard(k, 3).of(nine));
            applied.addAll(names);
            assertThat(estate.heads()).as("a shard never pushes").isEqualTo(heads);
        }
        assertThat(applied).containsExactlyInAnyOrderElementsOf(nine);
        nine.forEach(env -> assertThat(estate.writesTo(env)).as(env).hasSize(3)); // secret, extension, flux configuration
    }

    @Test
    void a_shard_holding_none_of_the_environments_exits_0_and_says_so() throws Exception {
        // snd4 falls in shard 2 of 3 (ShardTest), so shard 1 of 3 holds none of it
        for (String command : List.of("apply", "status")) {
            Cli.Result result = command.equals("apply") ? estate.aksflux("apply", "snd4", "--shard", "1/3", "--yes")
                    : estate.aksflux("status", "snd4", "--shard", "1/3");

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
            assertThat(result.err()).contains("shard 1/3 holds none of the 1 selected environment(s): nothing to do");
            if (command.equals("apply")) {
                assertThat(result.out()).isEqualTo("apply of no environment: nothing to do\n");
            }
        }
        Cli.Result wait = estate.aksflux("wait", "snd4", "--shard", "1/3", "--helmrelease", "ffc-demo-web", "--version", "1.0.0");
        assertThat(wait.exitCode()).as(wait.toString()).isEqualTo(ExitCodes.OK);
        for (String command : List.of("apply", "status")) {
            Cli.Result json = command.equals("apply") ? estate.aksflux("apply", "snd4", "--shard", "1/3", "--yes", "-o", "json")
                    : estate.aksflux("status", "snd4", "--shard", "1/3", "-o", "json");
            JsonNode root = JSON.readTree(json.out()); // apply's estate object; status of several is an array
            assertThat(root.isArray() ? root : root.get("environments")).as(json.toString()).isEmpty();
        }
        assertThat(estate.emulator.requests()).as("nothing read or written").isEmpty();
    }

    @Test
    void a_shard_outside_its_count_or_not_k_of_n_is_a_usage_error_naming_the_option() {
        for (String shard : List.of("0/3", "4/3", "x/y", "3", "1/0")) {
            Cli.Result result = estate.aksflux("apply", "--all", "--shard", shard, "--yes");

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
            assertThat(result.err()).contains("error: --shard must be K/N, share K of N with 1 ≤ K ≤ N (e.g. --shard 2/4), not '" + shard + "'");
        }
        assertThat(estate.emulator.requests()).isEmpty();
    }

    @Test
    void seeding_several_environments_makes_one_commit_per_repository_naming_them_and_again_none() throws Exception {
        Cli.Result first = estate.aksflux("seed", "snd1", "snd2", "dev1", "--detailed-exitcode");

        assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.CHANGES);
        assertThat(first.out()).startsWith("seed of 3 environments: 3 seeded\n\nSeed snd1\n").contains("\nSeed snd2\n", "\nSeed dev1\n");
        assertThat(GitRepos.log(estate.core, "main")).extracting(RevCommit::getShortMessage)
                .containsExactly("aksflux: seed snd1, snd2, dev1", "start");
        assertThat(GitRepos.log(estate.core, "main").get(0).getFullMessage()).contains("create clusters/snd/01/kustomization.yaml\n",
                "create clusters/snd/02/kustomization.yaml\n", "create clusters/dev/01/kustomization.yaml\n");

        Cli.Result again = estate.aksflux("seed", "snd1", "snd2", "dev1", "--detailed-exitcode", "-o", "json");

        assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.OK);
        JsonNode json = JSON.readTree(again.out());
        assertThat(json.get("outcome").asText()).isEqualTo("SEEDED");
        assertThat(json.get("environments")).extracting(env -> env.get("environment").asText()).containsExactly("snd1", "snd2", "dev1");
        assertThat(GitRepos.log(estate.core, "main")).hasSize(2);
    }
}
