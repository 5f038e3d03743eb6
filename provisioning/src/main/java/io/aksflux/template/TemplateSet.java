package io.aksflux.template;

import io.aksflux.config.ConfigNode;
import io.aksflux.config.ConfigNode.MapNode;
import io.aksflux.config.YamlConfigReader;
import io.aksflux.environment.Environment;
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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named set of templates under {@code flux-templates/<name>/}: its {@code layout.yaml} lists the files to
 * seed (repository, target path, template, optional condition) and the defaults the layout gives an
 * environment (its kustomizations and their paths). Templates are real YAML: placeholders are replaced
 * in parsed scalars, so no value can change the document's structure.
 */
public final class TemplateSet {
    private static final Set<String> REPOS = Set.of("core", "services");
    private static final Pattern WHOLE_PLACEHOLDER = Pattern.compile("^\\{\\{\\s*([A-Za-z0-9_.\\-]+)\\s*}}$");

    private final String name;
    private final TemplateSource source;
    private final MapNode defaults;
    private final List<FileEntry> files;

    private TemplateSet(String name, TemplateSource source, MapNode defaults, List<FileEntry> files) {
        this.name = name;
        this.source = source;
        this.defaults = defaults;
        this.files = files;
    }

    /** One file the layout seeds; {@code when} maps field paths to the values they must have. */
    public record FileEntry(String repo, String path, String template, Map<String, String> when, RenderedFile.Existing existing) {
        public FileEntry(String repo, String path, String template, Map<String, String> when) {
            this(repo, path, template, when, RenderedFile.Existing.MERGE);
        }
    }

    public static TemplateSet load(TemplateSource source, String name) {
        String layoutPath = name + "/layout.yaml";
        String text = source.read(layoutPath).orElseThrow(() -> new TemplateException(
                "template set '" + name + "' not found: " + source.describe(layoutPath) + " does not exist"));
        MapNode layout = YamlConfigReader.parse(source.describe(layoutPath), text);
        MapNode defaults = layout.get("defaults") instanceof MapNode d ? d : MapNode.empty(layout.origin());
        List<FileEntry> files = new ArrayList<>();
        Object plainFiles = ((Map<?, ?>) ConfigNode.toPlain(layout)).get("files");
        if (!(plainFiles instanceof List<?> list)) {
            throw new TemplateException(source.describe(layoutPath) + ": files: a list of files to seed is required");
        }
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> entry) || !REPOS.contains(String.valueOf(entry.get("repo")))
                    || entry.get("path") == null || entry.get("template") == null) {
                throw new TemplateException(source.describe(layoutPath)
                        + ": files: each entry needs repo (core or services), path and template; got " + item);
            }
            Map<String, String> when = new LinkedHashMap<>();
            if (entry.get("when") instanceof Map<?, ?> w) {
                w.forEach((k, v) -> when.put(String.valueOf(k), String.valueOf(v)));
            }
            files.add(new FileEntry(String.valueOf(entry.get("repo")), String.valueOf(entry.get("path")),
                    name + "/" + entry.get("template"), when, existing(source.describe(layoutPath), entry)));
        }
        return new TemplateSet(name, source, defaults, files);
    }

    private static RenderedFile.Existing existing(String layout, Map<?, ?> entry) {
        Object value = entry.get("existing");
        if (value == null) {
            return RenderedFile.Existing.MERGE;
        }
        for (RenderedFile.Existing existing : RenderedFile.Existing.values()) {
            if (existing.wire().equals(String.valueOf(value))) {
                return existing;
            }
        }
        throw new TemplateException(layout + ": files: existing of " + entry.get("path") + " is '" + value
                + "'; allowed: merge (a kustomization's resources gain missing entries), keep (left as it is)");
    }

    public String name() {
        return name;
    }

    /** Defaults this layout gives every environment that selects it (layered under defaults.yaml). */
    public MapNode defaults() {
        return defaults;
    }

    public List<FileEntry> files() {
        return List.copyOf(files);
    }

    /** Renders every file the environment needs, in layout order. */
    public List<RenderedFile> render(Environment env) {
        List<RenderedFile> out = new ArrayList<>();
        for (FileEntry file : files) {
            if (!applies(file, env)) {
                continue;
            }
            String path = safePath(render(file.path(), env, file.template() + " (target path)"), file);
            String text = source.read(file.template()).orElseThrow(() -> new TemplateException(
                    "template file missing: " + source.describe(file.template())));
            out.add(new RenderedFile(file.repo(), path, renderYaml(text, env, file.template()), file.existing()));
        }
        return out;
    }

    private static boolean applies(FileEntry file, Environment env) {
        return file.when().entrySet().stream()
                .allMatch(c -> env.lookup(c.getKey()).map(c.getValue()::equals).orElse(false));
    }

    private String render(String text, Environment env, String where) {
        try {
            return Placeholders.render(text, env::lookup);
        } catch (Placeholders.UnknownPlaceholder e) {
            throw new TemplateException(source.describe(where) + ": " + e.getMessage()
                    + "; templates may use {{environment}}, {{env.code}}, {{env.instance}}, {{env.number}} and any scalar field of the environment such as {{repos.services.url}}");
        }
    }

    /** Target paths stay inside the repository: relative, no {@code ..}, no empty segments. */
    private String safePath(String path, FileEntry file) {
        if (path.startsWith("/") || path.contains("\\") || path.isBlank()
                || List.of(path.split("/")).stream().anyMatch(s -> s.isEmpty() || s.equals("..") || s.equals("."))) {
            throw new TemplateException(source.describe(file.template()) + ": target path '" + path
                    + "' must be relative to the repository root, without '.', '..' or empty segments");
        }
        return path;
    }

    private String renderYaml(String text, Environment env, String template) {
        Yaml yaml = yaml();
        List<String> documents = new ArrayList<>();
        for (Object document : yaml.loadAll(text)) {
            if (document != null) {
                documents.add(yaml.dump(renderValue(document, env, template)));
            }
        }
        return String.join("---\n", documents);
    }

    private Object renderValue(Object value, Environment env, String template) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(renderValue(k, env, template), renderValue(v, env, template)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> renderValue(v, env, template)).toList();
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
            return render(s, env, template);
        }
        return value;
    }

    static Yaml yaml() {
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
