package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An apply of one environment runs the estate's path (an estate of one) and keeps the single form's order and output:
 * with nobody to wait for, its seed stays after the preflight instead of going first.
 */
class EstateOfOneTest extends EstatePerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_missing_cluster_stops_the_apply_of_one_environment_before_its_seed_writes_to_git() throws Exception {
        String before = estate.heads();

        Cli.Result result = estate.aksflux("apply", "snd4", "--yes", "-o", "json", "--set", "azure.cluster=NOSUCHAKS");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(estate.heads()).as("the preflight stops it before the seed pushes").isEqualTo(before);
        JsonNode error = JSON.readTree(result.out());
        assertThat(error.fieldNames()).toIterable().as("the single form's error object").containsExactly("environment", "error");
        assertThat(error.get("environment").asText()).isEqualTo("snd4");
        assertThat(error.at("/error/message").asText()).contains("cluster NOSUCHAKS not found");
    }

    @Test
    void the_same_environment_named_twice_is_an_estate_of_one_shown_as_an_estate_and_seeded_after_its_preflight() throws Exception {
        Cli.Result result = estate.aksflux("apply", "snd4", "snd4", "--yes", "-o", "json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        JsonNode estateJson = JSON.readTree(result.out());
        assertThat(estateJson.get("environments")).hasSize(1);
        assertThat(estateJson.at("/environments/0/environment").asText()).isEqualTo("snd4");
        assertThat(estateJson.get("outcome").asText()).isEqualTo("CONVERGED");
        assertThat(result.err()).doesNotContain("one seed at a time");
        assertThat(result.err().indexOf("snd4  preflight")).as("progress in the estate's form, preflight first\n%s", result)
                .isNotNegative().isLessThan(result.err().indexOf("snd4  seed"));
    }
}
