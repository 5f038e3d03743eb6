package io.aksflux.config;

import io.aksflux.error.EnvironmentException;
import io.aksflux.error.Problem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** Reads one YAML file into a {@link ConfigNode} tree that keeps each value's line. */
public final class YamlConfigReader {

    private YamlConfigReader() {
    }

    public static ConfigNode.MapNode read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new EnvironmentException(List.of(new Problem(new Origin(file.toString(), 0), "",
                    "cannot read file: " + e.getMessage())));
        }
        return parse(file.toString(), text);
    }

    public static ConfigNode.MapNode parse(String source, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(options);
        Node root;
        try (Reader reader = new StringReader(text)) {
            root = yaml.compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new EnvironmentException(List.of(new Problem(new Origin(source, line), "",
                    "not valid YAML: " + e.getProblem())));
        } catch (IOException | RuntimeException e) {
            throw new EnvironmentException(List.of(new Problem(new Origin(source, 0), "",
                    "not valid YAML: " + e.getMessage())));
        }
        if (root == null) {
            return ConfigNode.MapNode.empty(new Origin(source, 1));
        }
        ConfigNode node = convert(source, root, new ScalarResolver(options));
        if (node instanceof ConfigNode.MapNode map) {
            return map;
        }
        throw new EnvironmentException(List.of(new Problem(node.origin(), "",
                "the file must be a mapping of keys to values")));
    }

    private static ConfigNode convert(String source, Node node, ScalarResolver scalars) {
        Origin origin = new Origin(source, node.getStartMark().getLine() + 1);
        if (node instanceof MappingNode mapping) {
            LinkedHashMap<String, ConfigNode.Entry> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                Origin keyOrigin = new Origin(source, keyNode.getStartMark().getLine() + 1);
                if (!(keyNode instanceof ScalarNode key)) {
                    throw new EnvironmentException(List.of(new Problem(keyOrigin, "", "keys must be plain scalars")));
                }
                entries.put(key.getValue(), new ConfigNode.Entry(keyOrigin, convert(source, tuple.getValueNode(), scalars)));
            }
            return new ConfigNode.MapNode(origin, entries);
        }
        if (node instanceof SequenceNode sequence) {
            List<ConfigNode> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(convert(source, item, scalars));
            }
            return new ConfigNode.ListNode(origin, items);
        }
        return new ConfigNode.ScalarNode(origin, scalars.value((ScalarNode) node));
    }

    /** Turns a scalar node into its Java value with YAML 1.1 core rules (quoted text stays text). */
    private static final class ScalarResolver extends SafeConstructor {
        ScalarResolver(LoaderOptions options) {
            super(options);
        }

        Object value(ScalarNode node) {
            if (node.getTag().equals(Tag.STR)) {
                return node.getValue();
            }
            return constructObject(node);
        }
    }
}
