package io.aksflux.cli;

import io.aksflux.apply.ApplyResult;
import io.aksflux.apply.ProvisioningFailedException;
import io.aksflux.apply.ResourceState;
import io.aksflux.engine.EstateResult;
import io.aksflux.environment.Environment;
import io.aksflux.error.Blocker;
import io.aksflux.secret.Redactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The JUnit file of an estate's apply, as Azure DevOps' Publish Test Results reads it: valid Ant JUnit XML, one case per environment. */
class JunitReportTest {
    private static final String SECRET = "report-secret-" + java.util.UUID.randomUUID();
    private static final Instant STARTED = Instant.parse("2026-12-02T06:00:00Z");

    @TempDir
    Path dir;

    /** snd4 converged, tst1's extension failed (its message quoting a secret and markup), pre1 timed out, prd1 never ran. */
    private EstateReport estate() {
        Redactor.shared().register(SECRET);
        ApplyResult snd4 = new ApplyResult("snd4", ApplyResult.Outcome.CONVERGED, List.of(), List.of());
        ProvisioningFailedException tst1 = new ProvisioningFailedException("extension flux Failed: helm install failed: token "
                + SECRET + " <rejected> & \"refused\"\u001B[31m",
                List.of(new Blocker("Microsoft.KubernetesConfiguration/extensions", "flux", "Failed", "helm install failed: token " + SECRET)));
        ApplyResult pre1 = new ApplyResult("pre1", ApplyResult.Outcome.TIMED_OUT, List.of(), List.of(new ResourceState.ObjectStatus(
                "Kustomization", "flux-config-services", "flux-config", "NonCompliant", "kustomize build failed: teams/missing")));
        EstateResult result = new EstateResult(List.of(EstateResult.Entry.applied(snd4, Duration.ofSeconds(42)),
                EstateResult.Entry.failed("tst1", tst1, Duration.ofMillis(3500)),
                EstateResult.Entry.applied(pre1, Duration.ofMinutes(20))));
        List<Environment> named = new ArrayList<>();
        for (String name : List.of("snd4", "tst1", "pre1", "prd1")) {
            named.add(Estate.environment(name));
        }
        return EstateReport.of("aksflux apply", STARTED, STARTED.plusSeconds(1230), named, result);
    }

    private Path written() {
        Path file = dir.resolve("TEST-aksflux.xml");
        JunitReport.write(estate(), "build-agent-7", file);
        return file;
    }

    @Test
    void the_report_validates_against_the_ant_junit_schema() throws Exception {
        Path file = written();

        SchemaFactory schemas = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        schemas.newSchema(getClass().getResource("/junit/ant-junit.xsd")).newValidator().validate(new StreamSource(file.toFile()));
    }

    @Test
    void one_suite_for_the_command_with_its_counts_time_timestamp_and_host() throws Exception {
        Element suite = (Element) parse(written()).getElementsByTagName("testsuite").item(0);

        assertThat(suite.getAttribute("name")).isEqualTo("aksflux apply");
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(suite.getAttribute("time")).isEqualTo("1230.000");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-12-02T06:00:00");
        assertThat(suite.getAttribute("hostname")).isEqualTo("build-agent-7");
    }

    @Test
    void one_case_per_environment_named_for_it_in_its_layout_with_its_time() throws Exception {
        NodeList cases = parse(written()).getElementsByTagName("testcase");

        assertThat(cases.getLength()).isEqualTo(4);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            names.add(testcase.getAttribute("name"));
            assertThat(testcase.getAttribute("classname")).isEqualTo("aksflux.apply.adp");
        }
        assertThat(names).containsExactly("snd4", "tst1", "pre1", "prd1");
        assertThat(((Element) cases.item(0)).getAttribute("time")).isEqualTo("42.000");
        assertThat(((Element) cases.item(1)).getAttribute("time")).isEqualTo("3.500");
        assertThat(cases.item(0).getChildNodes().getLength()).as("a converged environment is a passed case").isZero();
        assertThat(((Element) cases.item(3)).getElementsByTagName("skipped").getLength()).as("prd1 never ran").isEqualTo(1);
    }

    @Test
    void a_failed_environment_names_what_blocked_and_says_why_with_secrets_redacted() throws Exception {
        Path file = written();
        NodeList cases = parse(file).getElementsByTagName("testcase");

        Element extension = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
        assertThat(extension.getAttribute("type")).isEqualTo("provisioning");
        assertThat(extension.getAttribute("message"))
                .isEqualTo("FAILED: Microsoft.KubernetesConfiguration/extensions flux: Failed: helm install failed: token ***");
        assertThat(extension.getTextContent()).contains("<rejected> & \"refused\"").contains("\\u001B[31m").contains("blocked by:");
        Element convergence = (Element) ((Element) cases.item(2)).getElementsByTagName("failure").item(0);
        assertThat(convergence.getAttribute("type")).isEqualTo("timeout");
        assertThat(convergence.getAttribute("message"))
                .isEqualTo("timed out: Kustomization flux-config/flux-config-services: NonCompliant: kustomize build failed: teams/missing");
        assertThat(Files.readString(file)).doesNotContain(SECRET).contains("***");
    }

    @Test
    void an_unexpected_failure_is_an_error_not_a_failure() throws Exception {
        EstateResult result = new EstateResult(List.of(EstateResult.Entry.failed("snd4", new IllegalStateException("boom"), Duration.ZERO)));
        Path file = dir.resolve("error.xml");

        JunitReport.write(EstateReport.of("aksflux apply", STARTED, STARTED, List.of(Estate.environment("snd4")), result), "", file);

        Element error = (Element) parse(file).getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("type")).isEqualTo("unexpected");
        assertThat(error.getAttribute("message")).isEqualTo("FAILED: unexpected IllegalStateException: boom");
        assertThat(((Element) parse(file).getElementsByTagName("testsuite").item(0)).getAttribute("hostname")).isEqualTo("localhost");
    }

    private static Document parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }
}
