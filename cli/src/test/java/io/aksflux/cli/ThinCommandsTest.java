package io.aksflux.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's shape as rules: a command parses, calls the engine and renders, in one short class (options in
 * mixins, output in views, shared behaviour in helpers); exit codes come from {@link ExitCodes}; and the concrete
 * adapters are chosen here, at the edge ({@link Adapters}), never inside the engine's facade.
 */
class ThinCommandsTest {
    /** Every line counts, blank ones, imports and the annotations' help texts too. */
    private static final int MAX_LINES = 80;
    private static final Path CLI = Cli.ROOT.resolve("cli/src/main/java/io/aksflux/cli");
    private static final Path ENGINE = Cli.ROOT.resolve("provisioning/src/main/java/io/aksflux/engine");

    @Test
    void no_command_class_is_longer_than_80_lines() {
        List<Path> commands = files(CLI).stream().filter(f -> f.getFileName().toString().endsWith("Command.java")).toList();

        assertThat(commands).as("the commands").hasSizeGreaterThanOrEqualTo(10);
        assertThat(commands).as("command classes over %d lines (split options into mixins, output into views)", MAX_LINES)
                .allMatch(f -> lines(f).size() <= MAX_LINES, "at most " + MAX_LINES + " lines");
    }

    @Test
    void no_command_returns_an_exit_code_of_its_own() {
        Pattern literal = Pattern.compile("return\\s+-?\\d+\\s*;");

        assertThat(files(CLI)).as("files returning a literal number instead of an ExitCodes mapping")
                .noneMatch(f -> literal.matcher(String.join("\n", lines(f))).find());
    }

    @Test
    void the_engine_facade_chooses_no_concrete_adapter() {
        List<String> adapters = List.of("io.aksflux.azure", "JGitRemote", "GitCredentials", "Kubectl.onPath", "System.getenv");

        for (Path file : files(ENGINE)) {
            String text = String.join("\n", lines(file));
            assertThat(adapters).as("%s names a concrete adapter; wire it in the command line (Adapters)", file.getFileName())
                    .noneMatch(text::contains);
        }
    }

    private static List<Path> files(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
