package io.aksflux.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which console an estate apply gets: redrawn in place on a terminal, plain ordered lines in a pipeline or a pipe. */
class LiveEstateCliTest extends EstatePerTest {
    /** A terminal stderr can be redrawn on; --yes asks nothing of it. */
    private static final Terminal SCREEN = new Terminal() {
        @Override
        public boolean present() {
            return true;
        }

        @Override
        public String readLine() {
            return null;
        }

        @Override
        public boolean redraws() {
            return true;
        }
    };

    @Override
    Estate newEstate(Path dir) {
        return Estate.quick(dir);
    }

    @Test
    void on_a_terminal_the_last_frame_shows_every_environment_s_outcome_on_its_own_line() {
        Cli.Result result = estate.aksflux(Map.of("TERM", "xterm-256color", "COLUMNS", "120"), context -> context.withTerminal(SCREEN),
                "apply", "snd4", "snd1", "--yes");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        List<String> screen = LiveEstateViewTest.Screen.of(result.err());
        assertThat(screen).hasSize(2).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(120));
        assertThat(screen.get(0)).startsWith("snd4  converged ");
        assertThat(screen.get(1)).startsWith("snd1  converged ");
        assertThat(result.err()).doesNotContain("finished: ");
    }

    @Test
    void in_a_pipeline_even_with_a_terminal_the_lines_stay_plain_and_ordered() {
        Cli.Result result = estate.aksflux(Map.of("TERM", "xterm", "TF_BUILD", "True", "AGENT_TEMPDIRECTORY", dir.toString()), context -> context.withTerminal(SCREEN),
                "apply", "snd4", "snd1", "--yes");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).doesNotContain("\u001B[").contains("snd4  converge").contains("finished: converged");
    }

    @Test
    void a_dumb_terminal_gets_the_plain_lines() {
        Cli.Result result = estate.aksflux(Map.of("TERM", "dumb"), context -> context.withTerminal(SCREEN), "apply", "snd4", "snd1", "--yes");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).doesNotContain("\u001B[").contains("finished: converged");
    }
}
