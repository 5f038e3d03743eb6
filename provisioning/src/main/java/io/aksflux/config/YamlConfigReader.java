package io.aksflux.config;

import io.aksflux.error.Origin;
import io.aksflux.error.EnvironmentException;
import io.aksflux.error.Problem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.events.StreamStartEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one YAML file into a {@link ConfigNode} tree that keeps each value's line. The file means exactly what it
 * says: UTF-8 text of at most {@link #MAX_BYTES} bytes, one mapping, each key once, no anchors or aliases, no tags
 * beyond the plain types (typed as YAML 1.2 types them), at most {@link #MAX_DEPTH} levels deep. Anything else is refused at its line.
 */
public final class YamlConfigReader {
    /** Environment files are a few KiB; the cap keeps a wrong file (a log, a dump) from being read at all. */
    public static final int MAX_BYTES = 1024 * 1024;
    /** The schema needs five levels; the cap keeps a malicious nesting from exhausting the stack. */
    public static final int MAX_DEPTH = 20;
    private static final Set<String> PLAIN_TAGS = Set.of("!!int", "!!float", "!!bool", "!!null");

    private final String source;
    private final Iterator<Event> events;
    private final List<Problem> problems = new ArrayList<>();
    private int line = 1;

    private YamlConfigReader(String source, Iterator<Event> events) {
        this.source = source;
        this.events = events;
    }

    public static ConfigNode.MapNode read(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new EnvironmentException(List.of(new Problem(new Origin(file.toString(), 0), "",
                    "cannot read file: " + Problem.inert(String.valueOf(e.getMessage())))));
        }
        if (bytes.length > MAX_BYTES) {
            String prefix = new String(bytes, 0, MAX_BYTES, StandardCharsets.UTF_8);
            throw refuse(new Origin(file.toString(), lineAt(prefix, prefix.length())),
                    "the file is larger than 1 MiB (" + MAX_BYTES + " bytes), the most an environment file may hold;"
                            + " it passes that on this line");
        }
        return parse(file.toString(), decode(file.toString(), bytes));
    }

    public static ConfigNode.MapNode parse(String source, String text) {
        refuseSpecialCharacters(source, text);
        Parser parser = new ParserImpl(new StreamReader(new StringReader(text)), new LoaderOptions());
        Iterator<Event> events = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return parser.peekEvent() != null;
            }

            @Override
            public Event next() {
                return parser.getEvent();
            }
        };
        return new YamlConfigReader(source, events).document();
    }

    /** Strict UTF-8: a byte that is not UTF-8 is named with its line and column rather than replaced. */
    private static String decode(String source, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            String before = out.flip().toString();
            throw refuse(new Origin(source, lineAt(before, before.length())), "column " + columnAt(before, before.length())
                    + ": byte " + String.format("0x%02X", bytes[in.position()] & 0xFF)
                    + " is not UTF-8 text; environment files are UTF-8, save the file in that encoding");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** YAML allows no control characters but tab and line breaks; the unusual line breaks would shift every line number. */
    private static void refuseSpecialCharacters(String source, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c <= 0x7E || c == '\n' || c == '\t' || c == '\r') {
                continue; // the common case, first
            }
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                i++;
            } else if (!(c >= 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029 || c >= 0xE000 && c <= 0xFFFD)) {
                throw refuse(new Origin(source, lineAt(text, i)), "column " + columnAt(text, i) + ": character "
                        + Problem.inert(String.valueOf(c)) + String.format(" (U+%04X)", (int) c)
                        + " is not allowed; YAML files hold printable text, tabs and line breaks only");
            }
        }
    }

    /** The line of a position, counting line breaks as YAML does ({@code \n}, {@code \r\n}, a lone {@code \r}). */
    private static int lineAt(String text, int position) {
        int line = 1;
        for (int i = 0; i < position; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
            }
        }
        return line;
    }

    private static int columnAt(String text, int position) {
        int start = position;
        while (start > 0 && text.charAt(start - 1) != '\n' && text.charAt(start - 1) != '\r') {
            start--;
        }
        return text.codePointCount(start, position) + 1;
    }

    private static EnvironmentException refuse(Origin origin, String message) {
        return new EnvironmentException(List.of(new Problem(origin, "", message)));
    }

    private ConfigNode.MapNode document() {
        try {
            expect(next(), StreamStartEvent.class);
            Event event = next();
            if (event instanceof StreamEndEvent) {
                return ConfigNode.MapNode.empty(new Origin(source, 1));
            }
            expect(event, DocumentStartEvent.class);
            ConfigNode root = node(next(), "", 0);
            next(); // the document's end
            if (next() instanceof DocumentStartEvent second) {
                throw new Refusal(second.getStartMark(), "a second YAML document (after ---) is not allowed; a file holds one mapping");
            }
            if (root instanceof ConfigNode.MapNode map && problems.isEmpty()) {
                return map;
            }
            if (root instanceof ConfigNode.ScalarNode s && s.value() == null && problems.isEmpty()) {
                return ConfigNode.MapNode.empty(root.origin());
            }
            if (!(root instanceof ConfigNode.MapNode)) {
                problems.add(new Problem(root.origin(), "", "the file must be a mapping of keys to values"));
            }
        } catch (Refusal r) {
            problems.add(new Problem(new Origin(source, r.line), "", r.getMessage()));
        } catch (MarkedYAMLException e) {
            int at = e.getProblemMark() == null ? line : e.getProblemMark().getLine() + 1;
            problems.add(new Problem(new Origin(source, at), "", "not valid YAML: " + Problem.inert(String.valueOf(e.getProblem()))));
        } catch (YAMLException e) {
            problems.add(new Problem(new Origin(source, line), "", "not valid YAML: " + Problem.inert(String.valueOf(e.getMessage()))));
        }
        throw new EnvironmentException(problems);
    }

    private Event next() {
        Event event = events.next();
        if (event.getStartMark() != null) {
            line = event.getStartMark().getLine() + 1;
        }
        return event;
    }

    private static void expect(Event event, Class<? extends Event> type) {
        if (!type.isInstance(event)) {
            throw new Refusal(event.getStartMark(), "not valid YAML: unexpected " + event.getEventId());
        }
    }

    private ConfigNode node(Event event, String field, int depth) {
        if (event instanceof AliasEvent) {
            throw new Refusal(event.getStartMark(), "aliases (*name) are not supported; write the value out,"
                    + " or put values shared by every environment in defaults.yaml");
        }
        if (event instanceof NodeEvent n && n.getAnchor() != null) {
            throw new Refusal(event.getStartMark(), "anchors (&" + Problem.inert(n.getAnchor()) + ") are not supported;"
                    + " write the value out, or put values shared by every environment in defaults.yaml");
        }
        Origin origin = new Origin(source, line);
        if (event instanceof ScalarEvent scalar) {
            return new ConfigNode.ScalarNode(origin, value(scalar, field));
        }
        if (depth >= MAX_DEPTH) {
            throw new Refusal(event.getStartMark(), "nested more than " + MAX_DEPTH + " levels deep; environment files need at most 5");
        }
        CollectionStartEvent collection = (CollectionStartEvent) event;
        boolean mapping = collection instanceof MappingStartEvent;
        checkCollectionTag(collection, mapping ? Tag.MAP : Tag.SEQ, field);
        return mapping ? mapping(origin, field, depth) : sequence(origin, field, depth);
    }

    private ConfigNode.ListNode sequence(Origin origin, String field, int depth) {
        List<ConfigNode> items = new ArrayList<>();
        for (Event event = next(); !(event instanceof SequenceEndEvent); event = next()) {
            items.add(node(event, field + "[" + items.size() + "]", depth + 1));
        }
        return new ConfigNode.ListNode(origin, items);
    }

    private ConfigNode.MapNode mapping(Origin origin, String field, int depth) {
        LinkedHashMap<String, ConfigNode.Entry> entries = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (Event event = next(); !(event instanceof MappingEndEvent); event = next()) {
            if (!(event instanceof ScalarEvent key) || key.getAnchor() != null) {
                if (event instanceof ScalarEvent || event instanceof AliasEvent) {
                    node(event, field, depth + 1); // refuses the anchor or alias
                }
                throw new Refusal(event.getStartMark(), "keys must be plain scalars");
            }
            Origin keyOrigin = new Origin(source, line);
            String name = key.getValue();
            String child = field.isEmpty() ? name : field + "." + name;
            ConfigNode value = node(next(), child, depth + 1);
            Integer first = firstLine.putIfAbsent(name, keyOrigin.line());
            if (first != null) {
                problems.add(new Problem(keyOrigin, child, "duplicate key " + Problem.quote(name) + ", first written on line "
                        + first + "; a key may appear once in a mapping, so merge the two"));
            } else {
                entries.put(name, new ConfigNode.Entry(keyOrigin, value));
            }
        }
        return new ConfigNode.MapNode(origin, entries);
    }

    private void checkCollectionTag(CollectionStartEvent event, Tag expected, String field) {
        String tag = event.getTag();
        if (tag != null && !tag.equals("!") && !tag.equals(expected.getValue())) {
            problems.add(new Problem(new Origin(source, line), field, "the tag " + Problem.quote(shortTag(tag))
                    + " is not supported; write a plain mapping or list"));
        }
    }

    /** Plain scalars typed by the YAML 1.2 core schema ({@link PlainScalar}); quoted and block ones stay text as written. */
    private Object value(ScalarEvent scalar, String field) {
        String tag = scalar.getTag();
        String text = scalar.getValue();
        if (tag == null) {
            return scalar.getImplicit().canOmitTagInPlainScalar() ? PlainScalar.of(text) : text;
        }
        String type = shortTag(tag);
        if (type.equals("!") || type.equals("!!str")) {
            return text;
        }
        if (!PLAIN_TAGS.contains(type)) {
            problems.add(new Problem(new Origin(source, line), field, "the tag " + Problem.quote(type)
                    + " is not supported; allowed: !!str, !!int, !!float, !!bool, !!null, or none"));
            return text;
        }
        if (type.equals("!!null") && PlainScalar.isNull(text)) {
            return null;
        }
        Optional<Object> typed = PlainScalar.as(type.substring(2), text);
        if (typed.isEmpty()) {
            problems.add(new Problem(new Origin(source, line), field, Problem.quote(text) + " is not a valid " + type));
            return text;
        }
        return typed.get();
    }

    private static String shortTag(String tag) {
        return tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
    }

    /** A structural problem that ends the reading of a file: nothing after it can be trusted. */
    private static final class Refusal extends RuntimeException {
        private final int line;

        Refusal(Mark mark, String message) {
            super(message, null, false, false);
            this.line = mark == null ? 1 : mark.getLine() + 1;
        }
    }

}
