package io.aksflux.environment;

import io.aksflux.config.ConfigLayers;
import io.aksflux.config.ConfigNode;
import io.aksflux.config.ConfigNode.MapNode;
import io.aksflux.config.EnvironmentVariables;
import io.aksflux.error.Origin;
import io.aksflux.config.Overrides;
import io.aksflux.config.YamlConfigReader;
import io.aksflux.error.AksfluxException;
import io.aksflux.error.EnvironmentException;
import io.aksflux.error.Problem;
import io.aksflux.template.TemplateSet;
import io.aksflux.template.TemplateSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads an environment: the layout's facts ({@code flux-templates/<layout>/layout.yaml}: its repositories' roles, the
 * flux configuration's source and kustomizations), then {@code defaults.yaml}, then {@code <env>.yaml}, then
 * {@code --set} overrides; resolves {@code ${env:NAME}} and {@code {{...}}} references; checks the result
 * against the schema and the cross-field rules, reporting every problem at once; binds the model.
 */
public final class EnvironmentLoader {
    public static final String DEFAULTS_FILE = "defaults.yaml";
    private static final String YAML = ".yaml";
    /** Looks like YAML whatever the case: {@code .yml}, {@code .YAML}. */
    private static final java.util.regex.Pattern YAML_LIKE = java.util.regex.Pattern.compile("(?i).+\\.ya?ml");
    /** Secret references stay unresolved here: validate and plan never need the secrets behind them. */
    public static final Set<String> PROTECTED_SETTINGS = Set.of("extension.protectedSettings", "flux.protectedSettings",
            "notifications.connectionString");
    private static final Comparator<Problem> BY_LOCATION = Comparator
            .comparing((Problem p) -> p.origin() == null ? "" : p.origin().source())
            .thenComparingInt(p -> p.origin() == null ? 0 : p.origin().line());

    private final Path directory;
    private final TemplateSource templates;
    private final Map<String, String> processEnvironment;
    private final EnvironmentSchema schema = EnvironmentSchema.bundled();
    /** Each layout is read once for all the environments a command loads. */
    private final Map<String, TemplateSet> layouts = new java.util.concurrent.ConcurrentHashMap<>();

    public EnvironmentLoader(Path directory, TemplateSource templates, Map<String, String> processEnvironment) {
        this.directory = directory;
        this.templates = templates;
        this.processEnvironment = Map.copyOf(processEnvironment);
    }

    public TemplateSource templates() {
        return templates;
    }

    /** The layout (template set) of that name, read once per loader; throws a {@link io.aksflux.error.TemplateException}. */
    public TemplateSet layout(String name) {
        TemplateSet known = layouts.get(name);
        if (known == null) {
            known = TemplateSet.load(templates, name);
            layouts.put(name, known);
        }
        return known;
    }

    /** Every environment file in the folder (the file name is the environment name), sorted. */
    public List<String> environmentNames() {
        return fileNames().stream()
                .filter(n -> n.endsWith(YAML) && !n.equals(DEFAULTS_FILE))
                .map(n -> n.substring(0, n.length() - YAML.length()))
                .toList();
    }

    /** YAML files that would be ignored because they do not end in exactly {@code .yaml} ({@code tst3.yml}), each a problem. */
    public List<Problem> misnamedFiles() {
        return fileNames().stream().filter(n -> YAML_LIKE.matcher(n).matches() && !n.endsWith(YAML)).map(this::misnamed).toList();
    }

    private Problem misnamed(String fileName) {
        return new Problem(new Origin(directory.resolve(fileName).toString(), 0), "",
                "environment files end in .yaml, so this one is not read; rename it to " + Problem.quote(stem(fileName) + YAML));
    }

    private static String stem(String fileName) {
        return fileName.substring(0, fileName.lastIndexOf('.'));
    }

    private List<String> fileNames() {
        if (!Files.isDirectory(directory)) {
            throw new EnvironmentException(List.of(new Problem(new Origin(directory.toString(), 0), "",
                    "environments folder not found; pass --environments DIR")));
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Environment load(String name, List<String> overrides) {
        Path file = directory.resolve(name + ".yaml");
        EnvironmentName envName = EnvironmentName.parse(name).orElseThrow(() -> new EnvironmentException(List.of(
                new Problem(new Origin(file.toString(), 0), "", Problem.quote(name) + " is not an environment name; expected "
                        + EnvironmentName.ALLOWED))));
        if (!Files.isRegularFile(file)) {
            List<Problem> misnamed = misnamedFiles().stream()
                    .filter(p -> stem(Path.of(p.origin().source()).getFileName().toString()).equals(name)).toList();
            throw new EnvironmentException(!misnamed.isEmpty() ? misnamed : List.of(new Problem(new Origin(file.toString(), 0), "",
                    "no such environment file; known environments: " + String.join(", ", environmentNames()))));
        }
        List<Problem> problems = new ArrayList<>();
        MapNode own = YamlConfigReader.read(file);
        Layered layers = layered(List.of(readDefaults(), own,
                Overrides.parse(overrides, path -> schema.at(path).map(schema::isScalarMap).orElse(false))), problems);
        MapNode layered = layers.tree();

        layered = new EnvironmentVariables(processEnvironment, PROTECTED_SETTINGS).resolve(layered, problems);
        ConfigPlaceholders.Result resolved = ConfigPlaceholders.resolve(layered, envName);
        layered = resolved.tree();
        // a field whose variable is missing, or whose placeholder names nothing, is reported once, as that
        Set<String> unresolvedFields = problems.stream().map(Problem::field).collect(Collectors.toSet());
        resolved.unresolvedFields().stream().map(Problem::inert).forEach(unresolvedFields::add); // as Problem keeps a field
        List<Problem> roleProblems = new ArrayList<>();
        for (TemplateSet layout : layers.layout().stream().toList()) {
            roleProblems.addAll(RepositoryRoles.check(layered, layout.roles(), layout.name(), layout.layoutFile()));
            roleProblems.addAll(LayoutValues.check(layered, layout.valueNames(), layout.name(), layout.layoutFile()));
        }
        // a repository the layout does not have is that one problem, not also each of its fields
        List<String> unknownRoles = roleProblems.stream().filter(p -> p.field().startsWith("repos.")).map(p -> p.field() + ".").toList();
        List<Problem> schemaProblems = schema.validate(layered).stream()
                .filter(p -> unknownRoles.stream().noneMatch(p.field()::startsWith)).toList();
        if (own.entries().isEmpty()) {
            refuseEmpty(file, schemaProblems);
        }
        schemaProblems.stream().filter(p -> !unresolvedFields.contains(p.field())).forEach(problems::add);
        // a reference to a required field that is missing is already reported as that missing field
        Set<String> missing = schemaProblems.stream().filter(p -> p.message().startsWith(EnvironmentSchema.MISSING))
                .map(Problem::field).collect(Collectors.toSet());
        resolved.problems().stream().filter(u -> !missing.contains(u.reference())).map(ConfigPlaceholders.Unresolved::problem)
                .forEach(problems::add);
        problems.addAll(EnvironmentRules.check(layered));
        problems.addAll(RepositoryUrls.check(layered));
        problems.addAll(DeployKeyRules.check(layered));
        SeedLikeRule.check(layered, envName, environmentNames()).ifPresent(problems::add);
        problems.addAll(roleProblems);
        problems.addAll(FluxSourceRules.check(layered));
        problems.addAll(ExtensionRules.check(layered));
        problems.addAll(ControlCharacters.check(layered, problems.stream().map(Problem::field).collect(Collectors.toSet())));
        if (!problems.isEmpty()) {
            problems.sort(BY_LOCATION);
            throw new EnvironmentException(problems);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) ConfigNode.toPlain(layered);
        return EnvironmentBinder.bind(envName, file, values);
    }

    /** The layers merged over the layout they choose; a layout that cannot be read is a problem of the field naming it. */
    private Layered layered(List<MapNode> layers, List<Problem> problems) {
        MapNode layered = layers.stream().reduce(ConfigLayers::overlay).orElseThrow();
        // the layout chosen by those layers supplies the bottom layer: its facts, each at its line in layout.yaml
        ConfigNode chosen = layered.get("layout");
        if (!(chosen instanceof ConfigNode.ScalarNode s && s.value() instanceof String name)
                || !schema.allows(List.of("layout"), name)) { // the schema reports it; it is never used as a path
            return new Layered(layered, java.util.Optional.empty());
        }
        try {
            TemplateSet layout = layout(name);
            MapNode tree = RepositoryRoles.inLayoutOrder(layers.stream().reduce(layout.defaults(), ConfigLayers::overlay), layout.roles());
            return new Layered(tree, java.util.Optional.of(layout));
        } catch (AksfluxException e) {
            problems.add(new Problem(chosen.origin(), "layout", Problem.inert(e.getMessage())));
            return new Layered(layered, java.util.Optional.empty());
        }
    }

    private record Layered(MapNode tree, java.util.Optional<TemplateSet> layout) {
    }

    /** An empty file set nothing of its own: say so, rather than blame the layer that says where the fields go. */
    private static void refuseEmpty(Path file, List<Problem> schemaProblems) {
        List<String> missing = schemaProblems.stream().filter(p -> p.message().startsWith(EnvironmentSchema.MISSING))
                .map(Problem::field).toList();
        if (!missing.isEmpty()) {
            throw new EnvironmentException(List.of(new Problem(new Origin(file.toString(), 1), "",
                    "the file is empty; an environment file sets at least " + String.join(", ", missing))));
        }
    }

    /**
     * Where {@code dottedPath} (e.g. {@code azure.cluster}) is set for the environment, the topmost layer winning (the
     * layout's layout.yaml at the bottom); empty when nothing sets it. Read again from the files: the model keeps
     * values, not lines.
     */
    public java.util.Optional<Origin> origin(String name, List<String> overrides, String dottedPath) {
        MapNode layered = layered(List.of(readDefaults(), YamlConfigReader.read(directory.resolve(name + ".yaml")),
                Overrides.parse(overrides, path -> schema.at(path).map(schema::isScalarMap).orElse(false))), new ArrayList<>()).tree();
        ConfigNode.Entry entry = null;
        ConfigNode node = layered;
        for (String segment : dottedPath.split("\\.")) {
            if (!(node instanceof MapNode map) || !map.entries().containsKey(segment)) {
                return java.util.Optional.empty();
            }
            entry = map.entries().get(segment);
            node = entry.value();
        }
        return java.util.Optional.ofNullable(entry).map(ConfigNode.Entry::keyOrigin);
    }

    private MapNode readDefaults() {
        Path defaults = directory.resolve(DEFAULTS_FILE);
        return Files.isRegularFile(defaults) ? YamlConfigReader.read(defaults) : MapNode.empty(new Origin(defaults.toString(), 0));
    }
}
