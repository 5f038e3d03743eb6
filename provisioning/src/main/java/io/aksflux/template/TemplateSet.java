package io.aksflux.template;

import io.aksflux.config.ConfigNode;
import io.aksflux.config.ConfigNode.MapNode;
import io.aksflux.config.YamlConfigReader;
import io.aksflux.error.Origin;
import io.aksflux.error.DidYouMean;
import io.aksflux.error.Problem;
import io.aksflux.error.TemplateException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named set of templates under {@code flux-templates/<name>/}, the layout: its {@code layout.yaml} declares the
 * layout's facts as data (its repositories by role, the flux configuration's source among them and its
 * kustomizations) and lists the files to seed (repository role, target path, template, optional condition).
 * Templates are real YAML: placeholders are replaced in parsed scalars, so no value can change the document's
 * structure.
 */
public final class TemplateSet {
    /** The keys of layout.yaml, in the order its messages list them. */
    private static final List<String> KEYS = List.of("description", "repositories", "values", "flux", "files");
    /** What a repository entry may hold: a description, and the layout's defaults for repos.<role> of an environment. */
    private static final List<String> REPOSITORY_KEYS = List.of("description", "url", "branch");
    /** A role is a key of repos and a segment of {{repos.<role>.url}}: an RFC 1123 label, no dots. */
    private static final Pattern ROLE = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Pattern WHOLE_PLACEHOLDER = Pattern.compile("^\\{\\{\\s*([A-Za-z0-9_.\\-]+)\\s*}}$");

    private final String name;
    private final TemplateSource source;
    private final List<String> roles;
    private final List<String> valueNames;
    private final MapNode defaults;
    private final List<FileEntry> files;

    private TemplateSet(String name, TemplateSource source, List<String> roles, List<String> valueNames, MapNode defaults,
                        List<FileEntry> files) {
        this.name = name;
        this.source = source;
        this.roles = List.copyOf(roles);
        this.valueNames = List.copyOf(valueNames);
        this.defaults = defaults;
        this.files = files;
    }

    /**
     * One file the layout seeds; {@code when} maps field paths to the values they must have; {@code origin}: its entry in
     * layout.yaml (null when made in code).
     */
    public record FileEntry(String repo, String path, String template, Map<String, String> when, RenderedFile.Existing existing,
                            Origin origin, Each each) {
        public FileEntry(String repo, String path, String template, Map<String, String> when, RenderedFile.Existing existing,
                         Origin origin) {
            this(repo, path, template, when, existing, origin, null);
        }

        public FileEntry(String repo, String path, String template, Map<String, String> when, RenderedFile.Existing existing) {
            this(repo, path, template, when, existing, null);
        }

        public FileEntry(String repo, String path, String template, Map<String, String> when) {
            this(repo, path, template, when, RenderedFile.Existing.MERGE);
        }
    }

    /**
     * {@code each: {NAME: FIELD}}: the file is seeded once per entry of the list {@code FIELD} (e.g. {@code values.services}),
     * with {@code {{NAME}}} the entry in its path and template; an empty list seeds none.
     */
    public record Each(String name, String field) {
    }

    public static TemplateSet load(TemplateSource source, String name) {
        String layoutPath = name + "/layout.yaml";
        Origin layoutFile = new Origin(source.describe(layoutPath), 0);
        String text = source.read(layoutPath).orElseThrow(() -> new TemplateException(layoutFile, "",
                "template set " + Problem.quote(name) + " not found: this file does not exist"));
        MapNode layout = YamlConfigReader.parse(source.describe(layoutPath), text);
        layout.entries().forEach((key, entry) -> {
            if (!KEYS.contains(key)) {
                throw new TemplateException(entry.keyOrigin(), key, "unknown key; allowed: " + String.join(", ", KEYS));
            }
        });
        LinkedHashMap<String, ConfigNode.Entry> bottom = new LinkedHashMap<>();
        List<String> roles = repositories(layout, bottom);
        List<String> valueNames = values(layout, bottom);
        ConfigNode.Entry flux = layout.entries().get("flux");
        if (flux != null) {
            if (!(flux.value() instanceof MapNode)) {
                throw new TemplateException(flux.keyOrigin(), "flux", "must be a mapping: the flux configuration's source and"
                        + " kustomizations, as an environment file writes them under flux");
            }
            bottom.put("flux", flux);
        }
        return new TemplateSet(name, source, roles, valueNames, new MapNode(layout.origin(), bottom), files(layout, name, roles));
    }

    /** The files to seed, each for a role the layout declares. */
    private static List<FileEntry> files(MapNode layout, String name, List<String> roles) {
        if (!(layout.get("files") instanceof ConfigNode.ListNode list)) {
            throw new TemplateException(layout.get("files") == null ? layout.origin() : layout.get("files").origin(), "files",
                    "a list of files to seed is required");
        }
        List<FileEntry> files = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            ConfigNode item = list.items().get(i);
            String field = "files[" + i + "]";
            Object plain = ConfigNode.toPlain(item);
            if (!(item instanceof MapNode node) || !(plain instanceof Map<?, ?> entry) || entry.get("repo") == null
                    || entry.get("path") == null || entry.get("template") == null) {
                throw new TemplateException(item.origin(), field, "each entry needs repo (one of " + String.join(", ", roles)
                        + "), path and template; got " + Problem.quote(plain));
            }
            String repo = String.valueOf(entry.get("repo"));
            if (!roles.contains(repo)) {
                throw new TemplateException(node.get("repo").origin(), field + ".repo", Problem.quote(repo)
                        + " is not a repository of layout " + Problem.quote(name) + notARoleHint(repo, roles));
            }
            Map<String, String> when = new LinkedHashMap<>();
            if (entry.get("when") instanceof Map<?, ?> w) {
                w.forEach((k, v) -> when.put(String.valueOf(k), String.valueOf(v)));
            }
            files.add(new FileEntry(repo, String.valueOf(entry.get("path")),
                    name + "/" + entry.get("template"), when, existing(node, field), item.origin(), each(node, field)));
        }
        return files;
    }

    /**
     * The roles {@code repositories} declares, in order; an entry's {@code url} and {@code branch} go into
     * {@code bottom} as the layout's defaults for {@code repos.<role>}.
     */
    private static List<String> repositories(MapNode layout, LinkedHashMap<String, ConfigNode.Entry> bottom) {
        ConfigNode.Entry declared = layout.entries().get("repositories");
        if (declared == null || !(declared.value() instanceof MapNode repositories) || repositories.entries().isEmpty()) {
            throw new TemplateException(declared == null ? layout.origin() : declared.keyOrigin(), "repositories",
                    "a mapping of the layout's Git repositories by role is required, e.g. core: {description: ...}; files[].repo,"
                            + " flux.source and {{repos.<role>.url}} name them, and an environment gives each its url and branch");
        }
        List<String> roles = new ArrayList<>();
        LinkedHashMap<String, ConfigNode.Entry> repoDefaults = new LinkedHashMap<>();
        repositories.entries().forEach((role, entry) -> {
            String field = "repositories." + role;
            if (!ROLE.matcher(role).matches()) {
                throw new TemplateException(entry.keyOrigin(), field, "a repository role is an RFC 1123 name: lower-case letters,"
                        + " digits or '-', starting and ending with a letter or digit");
            }
            roles.add(role);
            if (entry.value() instanceof ConfigNode.ScalarNode s && s.value() == null) {
                return; // declared without details
            }
            if (!(entry.value() instanceof MapNode details)) {
                throw new TemplateException(entry.keyOrigin(), field, "must be a mapping (" + String.join(", ", REPOSITORY_KEYS) + ")");
            }
            LinkedHashMap<String, ConfigNode.Entry> own = new LinkedHashMap<>();
            details.entries().forEach((key, value) -> {
                if (!REPOSITORY_KEYS.contains(key)) {
                    throw new TemplateException(value.keyOrigin(), field + "." + key, "unknown key; allowed: "
                            + String.join(", ", REPOSITORY_KEYS));
                }
                if (!key.equals("description")) {
                    own.put(key, value);
                }
            });
            if (!own.isEmpty()) {
                repoDefaults.put(role, new ConfigNode.Entry(entry.keyOrigin(), new MapNode(details.origin(), own)));
            }
        });
        if (!repoDefaults.isEmpty()) {
            bottom.put("repos", new ConfigNode.Entry(declared.keyOrigin(), new MapNode(repositories.origin(), repoDefaults)));
        }
        return roles;
    }

    /**
     * The names {@code values} declares, each with its default, which goes into {@code bottom}: the layout's own settings
     * an environment may give under {@code values} (the schema says what a value may be).
     */
    private static List<String> values(MapNode layout, LinkedHashMap<String, ConfigNode.Entry> bottom) {
        ConfigNode.Entry declared = layout.entries().get("values");
        if (declared == null) {
            return List.of();
        }
        if (!(declared.value() instanceof MapNode values)) {
            throw new TemplateException(declared.keyOrigin(), "values", "must be a mapping of the layout's own settings, each"
                    + " with its default, e.g. stage: staging; an environment sets them under values and templates read {{values.NAME}}");
        }
        bottom.put("values", declared);
        return List.copyOf(values.entries().keySet());
    }

    private static String notARoleHint(String role, List<String> roles) {
        return DidYouMean.closest(role, roles).map(s -> " (did you mean '" + s + "'?)").orElse("")
                + "; allowed: " + String.join(", ", roles) + " (its repositories)";
    }

    private static final Pattern EACH_NAME = Pattern.compile("^[a-z][A-Za-z0-9]*$");

    /** An entry's {@code each}, null when it has none: one binding, a name of its own to a dotted field. */
    private static Each each(MapNode entry, String field) {
        ConfigNode value = entry.get("each");
        if (value == null) {
            return null;
        }
        String usage = "; write each: {NAME: FIELD}, e.g. each: {service: values.services}, to seed the file once per entry of"
                + " that list with {{NAME}} the entry";
        if (!(value instanceof MapNode binding) || binding.entries().size() != 1) {
            throw new TemplateException(value.origin(), field + ".each", "must be a mapping of one name to a list field" + usage);
        }
        var only = binding.entries().entrySet().iterator().next();
        Object target = ConfigNode.toPlain(only.getValue().value());
        if (!EACH_NAME.matcher(only.getKey()).matches() || only.getKey().equals("environment") || only.getKey().equals("env")) {
            throw new TemplateException(only.getValue().keyOrigin(), field + ".each." + only.getKey(), "a name of its own (letters and"
                    + " digits, starting with a lower-case letter; not environment or env, which templates already have)" + usage);
        }
        if (!(target instanceof String dotted) || dotted.isBlank()) {
            throw new TemplateException(only.getValue().value().origin(), field + ".each." + only.getKey(),
                    "must name a list field of the environment, not " + Problem.quote(target) + usage);
        }
        return new Each(only.getKey(), dotted);
    }

    private static RenderedFile.Existing existing(MapNode entry, String field) {
        ConfigNode value = entry.get("existing");
        if (value == null) {
            return RenderedFile.Existing.MERGE;
        }
        Object plain = ConfigNode.toPlain(value);
        for (RenderedFile.Existing existing : RenderedFile.Existing.values()) {
            if (existing.wire().equals(String.valueOf(plain))) {
                return existing;
            }
        }
        throw new TemplateException(value.origin(), field + ".existing", "existing of " + Problem.quote(ConfigNode.toPlain(entry.get("path")))
                + " is " + Problem.quote(plain) + "; allowed: merge (a kustomization's resources gain missing entries), keep (left as it is)");
    }

    public String name() {
        return name;
    }

    /** The roles of the layout's repositories, as {@code repositories} declares them. */
    public List<String> roles() {
        return roles;
    }

    /** The names of the layout's own settings ({@code values} in layout.yaml), in order. */
    public List<String> valueNames() {
        return valueNames;
    }

    /** How messages name this layout's {@code layout.yaml}. */
    public String layoutFile() {
        return source.describe(name + "/layout.yaml");
    }

    /**
     * The layout's facts as an environment writes them (its {@code flux} source and kustomizations, the defaults of
     * {@code repos.<role>}), each node keeping its line in layout.yaml: the layer under defaults.yaml.
     */
    public MapNode defaults() {
        return defaults;
    }

    public List<FileEntry> files() {
        return List.copyOf(files);
    }

    /** Renders every file the environment needs, in layout order (a file with {@code each} once per entry, in list order). */
    public List<RenderedFile> render(TemplateValues env) {
        List<RenderedFile> out = new ArrayList<>();
        for (FileEntry file : files) {
            if (!applies(file, env)) {
                continue;
            }
            String text = source.read(file.template()).orElseThrow(() -> new TemplateException(layoutEntry(file), "template",
                    "template file missing: " + source.describe(file.template())));
            for (TemplateValues values : bindings(file, env)) {
                String path = safePath(render(file.path(), values, layoutEntry(file), "path"), file);
                out.add(new RenderedFile(file.repo(), path, renderYaml(text, values, file.template()), file.existing()));
            }
        }
        return out;
    }

    /** The values each copy of the file renders with: the environment's, and with {@code each} its entry under its name. */
    private List<TemplateValues> bindings(FileEntry file, TemplateValues env) {
        if (file.each() == null) {
            return List.of(env);
        }
        Each each = file.each();
        Object list = env.value(each.field()).orElse(null);
        if (!(list instanceof List<?> entries) || entries.stream().anyMatch(e -> e == null || e instanceof Map || e instanceof List)) {
            throw new TemplateException(layoutEntry(file), "each." + each.name(), Problem.quote(each.field()) + " is "
                    + (list == null ? "not a field of the environment" : list instanceof List ? "not a list of scalars"
                    : Problem.quote(list) + ", not a list") + "; each repeats the file once per"
                    + " entry of a list such as values.services (the layout declares it under values, the environment lists the entries)");
        }
        List<TemplateValues> out = new ArrayList<>();
        for (Object entry : entries) {
            String bound = String.valueOf(entry);
            out.add(new TemplateValues() {
                @Override
                public java.util.Optional<String> lookup(String dottedPath) {
                    return dottedPath.equals(each.name()) ? java.util.Optional.of(bound) : env.lookup(dottedPath);
                }

                @Override
                public java.util.Optional<Object> value(String dottedPath) {
                    return dottedPath.equals(each.name()) ? java.util.Optional.of(bound) : env.value(dottedPath);
                }
            });
        }
        return out;
    }

    private static boolean applies(FileEntry file, TemplateValues env) {
        return file.when().entrySet().stream()
                .allMatch(c -> env.lookup(c.getKey()).map(c.getValue()::equals).orElse(false));
    }

    /** Where the layout lists the file (its file alone when the entry was made in code). */
    private Origin layoutEntry(FileEntry file) {
        return file.origin() != null ? file.origin() : new Origin(source.describe(name + "/layout.yaml"), 0);
    }

    private String render(String text, TemplateValues env, Origin where, String field) {
        try {
            return Placeholders.render(text, env::lookup);
        } catch (Placeholders.UnknownPlaceholder e) {
            throw unknownPlaceholder(where, field, e);
        }
    }

    private TemplateException unknownPlaceholder(Origin where, String field, Placeholders.UnknownPlaceholder e) {
        String[] segments = e.name().split("\\.");
        if (segments.length > 1 && segments[0].equals("repos") && !roles.contains(segments[1])) {
            return new TemplateException(where, field, e.getMessage() + ": " + Problem.quote(segments[1])
                    + " is not a repository of layout " + Problem.quote(name) + notARoleHint(segments[1], roles));
        }
        return new TemplateException(where, field, e.getMessage()
                + "; templates may use {{environment}}, {{env.code}}, {{env.instance}}, {{env.number}} and any scalar field of the"
                + " environment such as {{repos." + roles.get(roles.size() - 1) + ".url}}");
    }

    /** The first line that writes the placeholder (0: not found, e.g. written across lines). */
    private static int lineOf(String text, String placeholder) {
        Pattern written = Pattern.compile("\\{\\{\\s*" + Pattern.quote(placeholder) + "\\s*}}");
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (written.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Target paths stay inside the repository: relative, no {@code ..}, no empty segments. */
    private String safePath(String path, FileEntry file) {
        if (path.startsWith("/") || path.contains("\\") || path.isBlank()
                || List.of(path.split("/")).stream().anyMatch(s -> s.isEmpty() || s.equals("..") || s.equals("."))) {
            throw new TemplateException(layoutEntry(file), "path", "target path " + Problem.quote(path)
                    + " must be relative to the repository root, without '.', '..' or empty segments");
        }
        return path;
    }

    private String renderYaml(String text, TemplateValues env, String template) {
        Yaml yaml = yaml();
        List<String> documents = new ArrayList<>();
        Origin file = new Origin(source.describe(template), 0);
        try {
            for (Object document : yaml.loadAll(text)) {
                if (document != null) {
                    documents.add(yaml.dump(renderValue(document, env, file, text)));
                }
            }
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new TemplateException(new Origin(file.source(), line), "", "not valid YAML: " + e.getProblem());
        }
        return String.join("---\n", documents);
    }

    /** {@code text}: the template as written, to find the line of an unknown placeholder. */
    private Object renderValue(Object value, TemplateValues env, Origin template, String text) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(renderValue(k, env, template, text), renderValue(v, env, template, text)));
            return out;
        }
        if (value instanceof List<?> list) {
            // an entry that is exactly one placeholder naming a list is replaced by that list's entries (fixed entries
            // and the environment's, e.g. a kustomization's resources listing a folder per service)
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                Object rendered = renderValue(item, env, template, text);
                if (rendered instanceof List<?> spliced && item instanceof String) {
                    out.addAll(spliced);
                } else {
                    out.add(rendered);
                }
            }
            return out;
        }
        if (value instanceof String s) {
            // a scalar that is exactly one placeholder naming a list or mapping takes that structured value
            Matcher whole = WHOLE_PLACEHOLDER.matcher(s);
            if (whole.matches()) {
                Object structured = env.value(whole.group(1)).orElse(null);
                if (structured instanceof Map || structured instanceof List) {
                    return structured;
                }
            }
            try {
                return Placeholders.render(s, env::lookup);
            } catch (Placeholders.UnknownPlaceholder e) {
                throw unknownPlaceholder(new Origin(template.source(), lineOf(text, e.name())), "", e);
            }
        }
        return value;
    }

    /** How aksflux reads and writes YAML: block style, two-space indents, long lines kept whole, safe types only. */
    public static Yaml yaml() {
        DumperOptions dump = new DumperOptions();
        dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dump.setIndent(2);
        dump.setIndicatorIndent(2);
        dump.setIndentWithIndicator(true);
        dump.setWidth(200);
        dump.setSplitLines(false);
        LoaderOptions load = new LoaderOptions();
        return new Yaml(new SafeConstructor(load), new Representer(dump), dump, load);
    }
}
