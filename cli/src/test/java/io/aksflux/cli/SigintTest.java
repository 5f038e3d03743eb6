package io.aksflux.cli;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A real Ctrl-C: the demo in a child JVM, sent SIGINT while it runs, through the process's one shutdown hook. */
class SigintTest {

    @Test
    void sigint_during_demo_exits_130_says_what_is_left_and_deletes_the_temporary_folder() throws Exception {
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "demo", "--environments", Cli.ENVIRONMENTS).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        StringBuilder err = new StringBuilder();
        Path folder = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(demo.getErrorStream(), StandardCharsets.UTF_8))) {
            Pattern repositories = Pattern.compile("aksflux demo: core and services repositories in (\\S+)");
            for (String line; (line = lines.readLine()) != null; ) {
                err.append(line).append('\n');
                Matcher m = repositories.matcher(line);
                if (m.find()) {
                    folder = Path.of(m.group(1));
                }
                if (folder != null && line.contains("] seed")) { // the demo is under way: interrupt it as Ctrl-C does
                    assertThat(new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor()).isZero();
                    break;
                }
            }
            lines.lines().forEach(line -> err.append(line).append('\n'));
        } finally {
            if (!demo.waitFor(60, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }

        assertThat(demo.exitValue()).as(err.toString()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(err.toString()).contains("aksflux: demo interrupted: the emulator is stopped and its CA and keys (")
                .doesNotContain("Shutdown in progress", "Exception");
        assertThat(folder).as(err.toString()).isNotNull().doesNotExist();
    }
}
