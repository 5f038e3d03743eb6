package io.aksflux.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationConverterTest {

    @Test
    void durations_read_as_in_environment_files() {
        DurationConverter converter = new DurationConverter();

        assertThat(converter.convert("20m")).isEqualTo(Duration.ofMinutes(20));
        assertThat(converter.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(converter.convert("90")).isEqualTo(Duration.ofSeconds(90));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0s", "0m"})
    void zero_is_a_duration(String zero) {
        assertThat(new DurationConverter().convert(zero)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "5 minutes", "-1", "1d", "m"})
    void anything_else_is_refused_with_examples(String value) {
        assertThatThrownBy(() -> new DurationConverter().convert(value)).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("'" + value + "' is not a duration; use e.g. 20m, 90s or 1h30m");
    }

    @Test
    void the_emulator_takes_zero_length_operations_and_reconcile_steps() {
        CommandLine.ParseResult parsed = AksfluxCommand.commandLine(Map.of())
                .parseArgs("emulator", "--lro-duration", "0", "--reconcile-step", "0s").subcommand();

        assertThat(parsed.<Duration>matchedOptionValue("--lro-duration", null)).isZero();
        assertThat(parsed.<Duration>matchedOptionValue("--reconcile-step", null)).isZero();
    }

    @Test
    void a_wait_timeout_of_zero_is_refused_before_anything_runs() {
        Cli.Result result = Cli.run("apply", "snd4", "--yes", "--wait-timeout", "0", "--environments", Cli.ENVIRONMENTS);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("'0' must be longer than zero; use e.g. 20m, 90s or 1h30m")
                .contains("Run 'aksflux apply --help' for usage.");
        assertThat(result.out()).isEmpty();
    }
}
