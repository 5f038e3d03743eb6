package io.aksflux.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What a new user meets first: help with examples, variables and exit codes, a version number, completion. */
class FirstHourTest {

    /** Every {@code AKSFLUX_...} variable the main sources name (and the script reads). */
    private static Set<String> variablesTheCodeReads() throws IOException {
        Set<String> names = new TreeSet<>();
        Pattern variable = Pattern.compile("\"(AKSFLUX_[A-Z_]+)\"");
        for (String module : new String[]{"provisioning", "cli"}) {
            try (Stream<Path> files = Files.walk(Cli.ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = variable.matcher(Files.readString(file));
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                }
            }
        }
        Matcher script = Pattern.compile("\\$\\{(AKSFLUX_[A-Z_]+)").matcher(Files.readString(Cli.ROOT.resolve("aksflux")));
        while (script.find()) {
            names.add(script.group(1));
        }
        return names;
    }

    @Test
    void help_shows_examples_every_environment_variable_the_code_reads_and_every_exit_code() throws IOException {
        Cli.Result help = Cli.run("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(variablesTheCodeReads()).contains("AKSFLUX_ARM_TOKEN", "AKSFLUX_GIT_SSH_KEY")
                .allSatisfy(name -> assertThat(help.out()).contains("  " + name + " "));
        assertThat(help.out()).contains("Examples:", "  aksflux demo ", "  aksflux apply --all --yes -o json",
                "GITHUB_TOKEN", "SYSTEM_ACCESSTOKEN", "TF_BUILD");
        assertThat(help.out()).containsPattern("Exit codes:\\n +0 +success[\\s\\S]*\\n +1 +error[\\s\\S]*cancelled[\\s\\S]*\\n +2 +[\\s\\S]*\\n +3 +"
                + "convergence or wait timed out\\n +130 +interrupted");
    }

    @Test
    void version_is_the_projects_version_from_the_build() throws IOException {
        Matcher pom = Pattern.compile("<artifactId>aksflux-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Cli.ROOT.resolve("pom.xml")));
        assertThat(pom.find()).isTrue();

        Cli.Result version = Cli.run("--version");

        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("aksflux " + pom.group(1)).contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void completion_prints_a_bash_and_zsh_script_for_every_command_and_its_options() {
        Cli.Result completion = Cli.run("completion");

        assertThat(completion.exitCode()).isZero();
        assertThat(completion.out()).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_aksflux", "bashcompinit")
                .contains("apply", "status", "demo", "emulator", "--wait-timeout", "--parallel", "--detailed-exitcode");
    }
}
