package io.aksflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aksflux.emulator.ClusterSpec;
import io.aksflux.environment.Environment;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The reports of apply and wait end to end: the files a pipeline publishes, and the summary Azure DevOps shows. */
class ReportsCliTest extends EstatePerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UPLOAD = Pattern.compile("(?m)^##vso\\[task\\.uploadsummary](.+)$");

    @Override
    Estate newEstate(Path dir) {
        return Estate.quick(dir);
    }

    @Test
    void an_apply_in_azure_devops_writes_the_junit_file_the_json_file_and_the_summary_it_announces() throws Exception {
        stopCluster("tst1");
        Path agentTemp = Files.createDirectories(dir.resolve("agent-temp"));
        Path junit = dir.resolve("TEST-aksflux.xml");
        Path json = dir.resolve("estate.json");

        Cli.Result result = estate.aksflux(Map.of("TF_BUILD", "True", "AGENT_TEMPDIRECTORY", agentTemp.toString()),
                "apply", "snd4", "tst1", "--yes", "--report-junit", junit.toString(), "--report-json", json.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        validate(junit);
        NodeList cases = xml(junit).getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(2);
        assertThat(((Element) cases.item(0)).getAttribute("name")).isEqualTo("snd4");
        Element failure = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("provisioning");
        assertThat(failure.getAttribute("message")).contains("Stopped");
        assertThat(JSON.readTree(json.toFile()).at("/environments/1/error/kind").asText()).as("JSON whatever --output is").isEqualTo("provisioning");

        Matcher upload = UPLOAD.matcher(result.out());
        assertThat(upload.find()).as("the summary is announced on stdout\n%s", result).isTrue();
        Path summary = Path.of(upload.group(1));
        assertThat(summary).isAbsolute().hasParent(agentTemp);
        List<String> rows = Files.readAllLines(summary);
        assertThat(rows).filteredOn(l -> l.startsWith("| snd4 | converged | ")).hasSize(1);
        assertThat(rows).filteredOn(l -> l.startsWith("| tst1 | FAILED | ") && l.contains("Stopped")).hasSize(1);
    }

    @Test
    void the_json_file_is_what_output_json_prints_and_the_announcement_then_goes_to_stderr() throws Exception {
        Path json = dir.resolve("estate.json");
        Path agentTemp = Files.createDirectories(dir.resolve("agent-temp"));

        Cli.Result result = estate.aksflux(Map.of("TF_BUILD", "True", "AGENT_TEMPDIRECTORY", agentTemp.toString()),
                "apply", "snd4", "snd1", "--yes", "-o", "json", "--report-json", json.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(JSON.readTree(json.toFile())).isEqualTo(JSON.readTree(result.out()));
        assertThat(UPLOAD.matcher(result.out()).find()).as("stdout stays one JSON object").isFalse();
        assertThat(UPLOAD.matcher(result.err()).find()).isTrue();
    }

    @Test
    void outside_azure_devops_no_summary_is_written_or_announced() throws Exception {
        Path agentTemp = Files.createDirectories(dir.resolve("agent-temp"));

        Cli.Result result = estate.aksflux(Map.of("AGENT_TEMPDIRECTORY", agentTemp.toString()), "apply", "snd4", "snd1", "--yes");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(result.out() + result.err()).doesNotContain("uploadsummary");
        try (Stream<Path> files = Files.list(agentTemp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void a_single_failed_apply_still_writes_its_reports() throws Exception {
        stopCluster("tst1");
        Path junit = dir.resolve("TEST-tst1.xml");
        Path json = dir.resolve("tst1.json");

        Cli.Result result = estate.aksflux("apply", "tst1", "--yes", "--report-junit", junit.toString(), "--report-json", json.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        validate(junit);
        assertThat(xml(junit).getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(JSON.readTree(json.toFile()).get("outcome").asText()).isEqualTo("FAILED");
    }

    @Test
    void a_wait_that_times_out_reports_the_release_it_waited_for() throws Exception {
        assertThat(estate.aksflux("apply", "snd4", "--yes").exitCode()).isEqualTo(ExitCodes.OK);
        Path junit = dir.resolve("TEST-wait.xml");

        Cli.Result result = estate.aksflux("wait", "snd4", "--helmrelease", "ffc-ffd-frontend", "--version", "1.0.0", "--timeout", "10m",
                "--report-junit", junit.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.TIMED_OUT);
        validate(junit);
        Element testcase = (Element) xml(junit).getElementsByTagName("testcase").item(0);
        assertThat(testcase.getAttribute("classname")).isEqualTo("aksflux.wait.adp");
        assertThat(Double.parseDouble(testcase.getAttribute("time"))).as("the wait's time on the clock").isGreaterThanOrEqualTo(600);
        Element failure = (Element) testcase.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("timeout");
        assertThat(failure.getAttribute("message")).isEqualTo("timed-out: HelmRelease ffc-ffd-frontend: pending: not reported yet");
    }

    @Test
    void ctrl_c_writes_the_reports_with_every_environment_not_finished_as_interrupted() throws Exception {
        Path junit = dir.resolve("TEST-interrupted.xml");
        Path json = dir.resolve("interrupted.json");

        Cli.Result result = estate.aksflux(ReportsCliTest::interruptedOnFirstWait, "apply", "snd4", "prd1", "--yes", "--parallel", "1",
                "--report-junit", junit.toString(), "--report-json", json.toString());

        assertThat(result.err()).as(result.toString()).contains("aksflux: interrupted while applying snd4");
        validate(junit);
        Document xml = xml(junit);
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(2);
        assertThat(xml.getElementsByTagName("skipped").getLength()).isEqualTo(2);
        assertThat(((Element) xml.getElementsByTagName("skipped").item(0)).getAttribute("message")).isEqualTo("interrupted before it finished");
        assertThat(((Element) xml.getElementsByTagName("property").item(0)).getAttribute("value")).isEqualTo("INTERRUPTED");
        assertThat(JSON.readTree(json.toFile()).get("outcome").asText()).isEqualTo("INTERRUPTED");
    }

    /** The interruptions fire on the first wait, which then stops as the ending JVM stops its thread. */
    private static CliContext interruptedOnFirstWait(CliContext context) {
        Interrupts interrupts = new Interrupts();
        io.aksflux.base.Ticker time = context.pacing().ticker();
        io.aksflux.base.Ticker firing = new io.aksflux.base.Ticker() {
            private boolean fired;

            @Override
            public java.time.Instant now() {
                return time.now();
            }

            @Override
            public synchronized void sleep(java.time.Duration duration) throws InterruptedException {
                if (!fired) {
                    fired = true;
                    interrupts.interrupt();
                    throw new InterruptedException();
                }
                time.sleep(duration);
            }
        };
        io.aksflux.base.Pacing pacing = context.pacing();
        return new CliContext(context.processEnvironment(), new io.aksflux.base.Pacing(firing, pacing.pollInterval(), pacing.conflictBackoff(),
                pacing.maxConflictRetries()), context.httpRetryBaseDelay(), context.terminal(), interrupts);
    }

    private void stopCluster(String env) {
        Environment.AzureTarget azure = Estate.environment(env).azure();
        estate.emulator.addCluster(ClusterSpec.of(azure.subscriptionId(), azure.resourceGroup(), azure.cluster()).withPowerState("Stopped"));
    }

    private void validate(Path junit) throws Exception {
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(getClass().getResource("/junit/ant-junit.xsd"))
                .newValidator().validate(new StreamSource(junit.toFile()));
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }
}
