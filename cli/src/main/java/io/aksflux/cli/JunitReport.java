package io.aksflux.cli;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * An estate's run as the JUnit XML (the Ant format) that Azure DevOps' Publish Test Results task reads with
 * {@code testResultsFormat: JUnit}: one {@code <testsuite>} for the command, one {@code <testcase>} per environment
 * ({@code classname} {@code aksflux.apply.<layout>}, {@code name} the environment, {@code time} in seconds), a failed one
 * with {@code <failure message="what blocked" type="kind">} and the full failure as text, one broken unexpectedly with
 * {@code <error>}, one not run with {@code <skipped/>}. Written with StAX, so every value is escaped as XML wants; the
 * characters XML 1.0 cannot carry at all (control characters) become visible escapes, as on the console.
 */
final class JunitReport {
    /** The schema's dateTime without a zone: the Ant format's timestamps are local; these are UTC. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private JunitReport() {
    }

    /** Writes {@code report} to {@code file} (replacing it), as run on {@code hostname}. */
    static void write(EstateReport report, String hostname, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            write(report, hostname, xml);
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing the JUnit report: " + e.getMessage(), e);
        }
    }

    private static void write(EstateReport report, String hostname, XMLStreamWriter xml) throws XMLStreamException {
        String suite = "aksflux." + report.command().replaceFirst("^aksflux ", "").replace(' ', '.');
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuites");
        xml.writeAttribute("name", report.command());
        counts(report.rows(), xml);
        xml.writeAttribute("time", seconds(report.time()));
        indent(xml, 1);
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", report.command());
        xml.writeAttribute("package", suite);
        xml.writeAttribute("id", "0");
        counts(report.rows(), xml);
        xml.writeAttribute("time", seconds(report.time()));
        xml.writeAttribute("timestamp", TIMESTAMP.format(report.started().truncatedTo(ChronoUnit.SECONDS)));
        xml.writeAttribute("hostname", hostname.isBlank() ? "localhost" : safe(hostname));
        indent(xml, 2);
        xml.writeStartElement("properties");
        indent(xml, 3);
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", "outcome");
        xml.writeAttribute("value", report.outcome());
        indent(xml, 2);
        xml.writeEndElement();
        for (EstateReport.Row row : report.rows()) {
            indent(xml, 2);
            testcase(suite, row, xml);
        }
        indent(xml, 2);
        xml.writeEmptyElement("system-out");
        indent(xml, 2);
        xml.writeEmptyElement("system-err");
        indent(xml, 1);
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndElement();
    }

    private static void testcase(String suite, EstateReport.Row row, XMLStreamWriter xml) throws XMLStreamException {
        String classname = suite + "." + (row.group().isEmpty() ? "estate" : safe(row.group()));
        if (row.status() == EstateReport.Status.PASSED) {
            xml.writeEmptyElement("testcase");
            testcaseAttributes(classname, row, xml);
            return;
        }
        xml.writeStartElement("testcase");
        testcaseAttributes(classname, row, xml);
        indent(xml, 3);
        switch (row.status()) {
            case SKIPPED -> {
                xml.writeEmptyElement("skipped");
                xml.writeAttribute("message", row.outcome().equals("interrupted") ? "interrupted before it finished"
                        : "not run: the command ended before this environment's turn");
            }
            case FAILED, ERROR -> {
                xml.writeStartElement(row.status() == EstateReport.Status.ERROR ? "error" : "failure");
                xml.writeAttribute("message", safe(row.outcome() + ": " + row.blocked()));
                xml.writeAttribute("type", row.kind());
                xml.writeCharacters(safe(row.message() + (row.blockers().isEmpty() ? "" : "\n\nblocked by:\n" + String.join("\n",
                        row.blockers().stream().map(b -> "  " + b.describe()).toList()))));
                xml.writeEndElement();
            }
            case PASSED -> throw new IllegalStateException("written above");
        }
        indent(xml, 2);
        xml.writeEndElement();
    }

    private static void testcaseAttributes(String classname, EstateReport.Row row, XMLStreamWriter xml) throws XMLStreamException {
        xml.writeAttribute("name", safe(row.environment()));
        xml.writeAttribute("classname", classname);
        xml.writeAttribute("time", seconds(row.time()));
    }

    private static void counts(List<EstateReport.Row> rows, XMLStreamWriter xml) throws XMLStreamException {
        xml.writeAttribute("tests", String.valueOf(rows.size()));
        xml.writeAttribute("failures", count(rows, r -> r.status() == EstateReport.Status.FAILED));
        xml.writeAttribute("errors", count(rows, r -> r.status() == EstateReport.Status.ERROR));
        xml.writeAttribute("skipped", count(rows, r -> r.status() == EstateReport.Status.SKIPPED));
    }

    private static String count(List<EstateReport.Row> rows, Predicate<EstateReport.Row> which) {
        return String.valueOf(rows.stream().filter(which).count());
    }

    /** {@code 42.500}: seconds, as the format has them. */
    private static String seconds(java.time.Duration time) {
        return String.format(Locale.ROOT, "%.3f", time.toMillis() / 1000.0);
    }

    private static void indent(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }

    /**
     * Text XML 1.0 can hold: StAX escapes {@code < & "} itself, but a control character (other than tab and line breaks)
     * or a lone surrogate is not allowed even escaped, so it becomes {@code \u001B} as {@link Inert} shows it.
     */
    static String safe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            if (allowed && !(c >= 0x7F && c <= 0x9F)) {
                out.appendCodePoint(c);
            } else {
                out.append(String.format("\\u%04X", c));
            }
        });
        return out.toString();
    }
}
