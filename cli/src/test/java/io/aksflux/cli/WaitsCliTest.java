package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Every wait is bounded by --wait-timeout and talks while it lasts; a bad endpoint is refused while parsing. */
class WaitsCliTest extends EstatePerTest {

    @Test
    void an_operation_stuck_in_progress_ends_at_the_wait_timeout_with_exit_3_naming_it() throws Exception {
        estate.emulator.faults().stallOperations(1);
        Instant start = estate.ticker.now();

        Cli.Result result = estate.aksflux("apply", "snd4", "--yes", "--wait-timeout", "3m", "--output", "json",
                "--skip", "notifications"); // no runCommand: the clock measures the extension's wait alone

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.TIMED_OUT);
        String extensionId = Estate.environment("snd4").azure().clusterId() + Estate.EXTENSION;
        assertThat(result.err()).contains("error: timed out after 3m (the wait timeout) waiting for extension flux (" + extensionId
                        + "); last state: Running")
                .contains("still waiting for extension flux (" + extensionId + ") (Running, 1m30s of 3m)");
        JsonNode error = new ObjectMapper().readTree(result.out()).get("error");
        assertThat(error.get("kind").asText()).isEqualTo("timeout");
        assertThat(error.get("exitCode").asInt()).isEqualTo(ExitCodes.TIMED_OUT);
        assertThat(Duration.between(start, estate.ticker.now())).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void a_malformed_arm_endpoint_is_refused_while_parsing_with_the_allowed_form() {
        Cli.Result result = estate.aksflux("apply", "snd4", "--yes", "--arm-endpoint", "management.azure.com");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("'management.azure.com' is not an ARM endpoint: expected https://HOST[:PORT]");
        assertThat(estate.emulator.requests()).isEmpty();
    }
}
