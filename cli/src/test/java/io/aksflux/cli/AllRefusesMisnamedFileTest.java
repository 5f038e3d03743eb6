package io.aksflux.cli;

import io.aksflux.emulator.ArmEmulator;
import io.aksflux.emulator.EmulatorOptions;
import io.aksflux.support.GitRepos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --all} means every environment file: one that would be skipped for its name stops the run before anything starts. */
class AllRefusesMisnamedFileTest {
    @TempDir
    Path dir;
    private ArmEmulator emulator;
    private Path core;
    private Path services;

    @BeforeEach
    void estateWithAMisnamedFile() throws IOException {
        Files.createDirectories(dir.resolve("environments"));
        Files.copy(Path.of(Cli.ENVIRONMENTS, "defaults.yaml"), dir.resolve("environments/defaults.yaml"));
        Files.copy(Path.of(Cli.ENVIRONMENTS, "snd4.yaml"), dir.resolve("environments/snd4.yaml"));
        Files.copy(Path.of(Cli.ENVIRONMENTS, "tst2.yaml"), dir.resolve("environments/tst3.yml"));
        core = GitRepos.named(dir, "core");
        services = GitRepos.named(dir, "services");
        emulator = ArmEmulator.start(EmulatorOptions.defaults());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"apply --all --yes", "apply --all --yes -o json", "status --all", "demo --all"})
    void all_refuses_a_misnamed_environment_file_naming_it_and_the_rename_before_anything_starts(String command) {
        String heads = GitRepos.head(core) + " " + GitRepos.head(services);
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--environments", dir.resolve("environments").toString(),
                "--templates", Cli.ROOT.resolve("flux-templates").toString(),
                "--set", "repos.core.url=" + GitRepos.url(core), "--set", "repos.services.url=" + GitRepos.url(services)));

        Cli.Result result = Cli.run(Map.of("AKSFLUX_ARM_ENDPOINT", emulator.endpoint(), "AKSFLUX_CA_FILE", emulator.caFile().toString(),
                "AKSFLUX_ARM_TOKEN", "t"), args.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.out() + result.err()).as(result.toString()).contains(dir.resolve("environments/tst3.yml")
                + ": environment files end in .yaml, so this one is not read; rename it to 'tst3.yaml'");
        assertThat(emulator.requests()).as("no request sent").isEmpty();
        assertThat(GitRepos.head(core) + " " + GitRepos.head(services)).as("nothing pushed").isEqualTo(heads);
    }
}
