package io.aksflux.cli;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pipelines/estate-rebuild.yml} cannot rot: its jobs are in the order the design needs (one seed, then the shards
 * that skip it), and every {@code aksflux} command line in it parses with the real command line.
 */
class EstateRebuildPipelineTest {
    private final Map<String, Object> pipeline = load();

    @Test
    void one_seed_job_then_a_parallel_apply_job_that_skips_the_seed_and_takes_its_shard_from_its_position() {
        Map<String, Object> seed = job("seed");
        Map<String, Object> apply = job("apply");

        assertThat(commands(seed)).containsExactly(List.of("seed", "--all", "--output", "json"));
        assertThat(apply.get("dependsOn")).isEqualTo("seed");
        assertThat(map(apply.get("strategy"))).containsKey("parallel");
        assertThat(commands(apply)).singleElement().satisfies(args -> assertThat(args).containsSubsequence("apply", "--all",
                "--shard", "$(System.JobPositionInPhase)/$(System.TotalJobsInPhase)", "--skip", "seed", "--yes", "--output", "json"));
    }

    @Test
    void every_aksflux_task_logs_in_through_a_service_connection_and_hands_aksflux_the_pipeline_token() {
        List<Map<String, Object>> tasks = jobs().stream().flatMap(job -> steps(job).stream())
                .filter(step -> "AzureCLI@2".equals(step.get("task"))).toList();

        assertThat(tasks).hasSize(3).allSatisfy(task -> {
            assertThat(map(task.get("inputs"))).containsEntry("addSpnToEnvironment", true).containsKey("azureSubscription");
            assertThat(map(task.get("env"))).containsEntry("SYSTEM_ACCESSTOKEN", "$(System.AccessToken)");
        });
    }

    @Test
    void each_shard_publishes_the_junit_report_its_apply_writes() {
        Map<String, Object> apply = job("apply");
        List<String> args = commands(apply).get(0);
        String report = args.get(args.indexOf("--report-junit") + 1);

        Map<String, Object> publish = steps(apply).stream().filter(s -> "PublishTestResults@2".equals(s.get("task"))).findFirst().orElseThrow();
        assertThat(map(publish.get("inputs"))).containsEntry("testResultsFormat", "JUnit").containsEntry("testResultsFiles", report);
        assertThat(publish.get("condition")).isEqualTo("always()");
    }

    @Test
    void every_aksflux_command_line_parses_with_the_real_command_line() {
        List<List<String>> all = jobs().stream().flatMap(job -> commands(job).stream()).toList();

        assertThat(all).hasSize(3);
        for (List<String> args : all) {
            CommandLine cli = AksfluxCommand.commandLine(Map.of());
            CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
            assertThat(parsed.subcommand()).as(String.join(" ", args)).isNotNull();
            assertThat(parsed.subcommand().commandSpec().name()).isEqualTo(args.get(0));
        }
    }

    /** The arguments of each {@code ./aksflux} line of the job's scripts (continuations joined, redirection dropped). */
    private static List<List<String>> commands(Map<String, Object> job) {
        List<List<String>> commands = new ArrayList<>();
        for (Map<String, Object> step : steps(job)) {
            Object script = map(step.getOrDefault("inputs", Map.of())).get("inlineScript");
            if (script == null) {
                continue;
            }
            for (String line : script.toString().replace("\\\n", " ").lines().toList()) {
                List<String> words = words(line.replaceFirst("\\s>\\s.*$", ""));
                if (!words.isEmpty() && words.get(0).equals("./aksflux")) {
                    commands.add(words.subList(1, words.size()));
                }
            }
        }
        return commands;
    }

    /** Shell words: the pipeline quotes only single words (its macros, expanded by Azure DevOps), so blanks split. */
    private static List<String> words(String line) {
        String unquoted = line.replace("\"", "").strip();
        return unquoted.isEmpty() ? List.of() : List.of(unquoted.split("\\s+"));
    }

    private Map<String, Object> job(String name) {
        return jobs().stream().filter(j -> name.equals(j.get("job"))).findFirst().orElseThrow();
    }

    private List<Map<String, Object>> jobs() {
        List<Map<String, Object>> jobs = new ArrayList<>();
        list(pipeline.get("stages")).forEach(stage -> jobs.addAll(list(map(stage).get("jobs")).stream().map(EstateRebuildPipelineTest::map).toList()));
        return jobs;
    }

    private static List<Map<String, Object>> steps(Map<String, Object> job) {
        return list(job.get("steps")).stream().map(EstateRebuildPipelineTest::map).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    private static Map<String, Object> load() {
        try {
            return new Yaml().load(Files.readString(Cli.ROOT.resolve("pipelines/estate-rebuild.yml")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
