package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.aksflux.base.Progress;
import io.aksflux.engine.EstateResult;
import io.aksflux.environment.Environment;
import io.aksflux.error.UsageException;
import io.aksflux.secret.Redactor;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The reports of a run over an estate ({@code apply}, {@code wait}), for pipelines and the people reading them: the
 * JUnit file and the JSON file asked for, and inside Azure DevOps ({@code TF_BUILD}) the Markdown summary of the run,
 * announced with {@code ##vso[task.uploadsummary]} on stdout (on stderr with {@code -o json}). Written whatever the outcome, before the failure becomes the exit code.
 */
public final class ReportOptions implements CommandFactory.NeedsContext {
    private CliContext context;
    private Instant started;
    private Interrupts.Registration whenInterrupted;

    @Option(names = "--report-junit", paramLabel = "FILE", description = "Also write the result as JUnit XML, one test case per"
            + " environment (for Azure DevOps' Publish Test Results, testResultsFormat: JUnit).")
    Path junit;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Also write the result as JSON, the object -o json prints"
            + " for several environments, whatever --output is.")
    Path json;

    /** The report of the run from {@code started} to {@code ended}, as {@code command} ({@code aksflux apply}) made it. */
    interface Source {
        EstateReport report(String command, Instant started, Instant ended);
    }

    @Override
    public void context(CliContext value) {
        this.context = value;
        this.started = value.pacing().ticker().now(); // the command starts now: options are made just before it runs
    }

    /**
     * {@code watch}, remembering each environment as it finishes: until {@link #write}, Ctrl-C writes the reports of the
     * environments finished so far, the others as interrupted ({@code <skipped/>}), with the outcome {@code INTERRUPTED}.
     * (Should the apply end in an unexpected error instead, the process's ending writes them the same way.)
     */
    ApplyWatch recording(CommandSpec spec, List<Environment> environments, ApplyWatch watch) {
        started = context.pacing().ticker().now(); // the run starts now, after any question asked on the terminal
        if (junit == null && json == null && !context.processEnvironment().containsKey("TF_BUILD")) {
            return watch;
        }
        List<EstateResult.Entry> finished = new CopyOnWriteArrayList<>();
        whenInterrupted = context.interrupts().during(() -> {
            EstateResult sofar = new EstateResult(finished);
            writeReports(spec, (command, from, to) -> EstateReport.of(command, from, to, environments, sofar).interrupted(),
                    EstateView.json(sofar).put("outcome", "INTERRUPTED"));
        });
        return new ApplyWatch() {
            @Override
            public Progress started(String environment) {
                return watch.started(environment);
            }

            @Override
            public void finished(EstateResult.Entry entry) {
                finished.add(entry);
                watch.finished(entry);
            }

            @Override
            public String running() {
                return watch.running();
            }
        };
    }

    /** Writes the files asked for and, inside Azure DevOps, the summary; {@code estateJson} is the estate's {@code -o json}. */
    void write(CommandSpec spec, Source source, JsonNode estateJson) {
        if (context.interrupts().interrupted()) {
            return; // the interruption wrote them, as it found the run; what ends after it is the ending JVM's doing
        }
        if (whenInterrupted != null) {
            whenInterrupted.close(); // the run ended: its own result is written now
        }
        writeReports(spec, source, estateJson);
    }

    private void writeReports(CommandSpec spec, Source source, JsonNode estateJson) {
        EstateReport report = source.report(spec.qualifiedName(), started, context.pacing().ticker().now());
        if (json != null) {
            writeFile("--report-json", json, Redactor.shared().redact(Json.write(estateJson)) + "\n");
        }
        if (junit != null) {
            try {
                JunitReport.write(report, hostname(), junit);
            } catch (UncheckedIOException e) {
                throw cannotWrite("--report-junit", junit, e.getCause());
            }
        }
        Map<String, String> env = context.processEnvironment();
        if (env.containsKey("TF_BUILD")) {
            Path summary = summaryFile(spec, env);
            writeFile("the Azure DevOps summary", summary, MarkdownSummary.render(report));
            // the agent reads logging commands on both streams; with -o json stdout stays the one JSON object
            boolean json = spec.findOption("--output") != null && spec.findOption("--output").getValue() == OutputFormat.JSON;
            InertWriter.command(json ? spec.commandLine().getErr() : spec.commandLine().getOut(),
                    "##vso[task.uploadsummary]" + loggingData(summary.toAbsolutePath().toString()));
        }
    }

    /** Under the agent's temporary folder, one name per run (the process and its start), so two steps never share one. */
    private Path summaryFile(CommandSpec spec, Map<String, String> env) {
        String folder = env.getOrDefault("AGENT_TEMPDIRECTORY", System.getProperty("java.io.tmpdir"));
        return Path.of(folder).resolve("aksflux-" + spec.name() + "-summary-" + ProcessHandle.current().pid() + "-"
                + started.toEpochMilli() + ".md");
    }

    /** The message of a logging command, escaped as the agent unescapes it: {@code %}, then the line breaks. */
    static String loggingData(String text) {
        return text.replace("%", "%AZP25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** The agent's name in a pipeline, else the machine's; {@code localhost} when none is known. */
    private String hostname() {
        Map<String, String> env = context.processEnvironment();
        return Stream.of("AGENT_MACHINENAME", "COMPUTERNAME", "HOSTNAME").map(env::get).filter(h -> h != null && !h.isBlank())
                .findFirst().orElseGet(() -> {
                    try {
                        return java.net.InetAddress.getLocalHost().getHostName();
                    } catch (IOException e) {
                        return "localhost";
                    }
                });
    }

    private static void writeFile(String what, Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw cannotWrite(what, file, e);
        }
    }

    private static UsageException cannotWrite(String what, Path file, Throwable cause) {
        return new UsageException("cannot write " + what + " " + file + ": " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }
}
