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
 * Reads an environment: the layout's defaults, then {@code defaults.yaml}, then {@code <env>.yaml}, then
 * {@code --set} overrides; resolves {@code ${env:NAME}} and {@code {{...}}} references; checks the result
 * against the schema and the cross-field rules, reporting every problem at once; binds the model.
 */
public final class EnvironmentLoader {
    public static final String DEFAULTS_FILE = "defaults.yaml";
    private static final String YAML = ".yaml";
    /** Looks like YAML whatever the case: {@code .yml}, {@code .YAML}. */
    private static final java.util.regex.Pattern YAML_LIKE = java.util.regex.Pattern.compile("(?i).+\\.ya?ml");
    private static final String DEFAULT_LAYOUT = "adp";
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

    public EnvironmentLoader(Path directory, TemplateSource templates, Map<String, String> processEnvironment) {
        this.directory = directory;
        this.templates = templates;
        this.processEnvironment = Map.copyOf(processEnvironment);
    }

    public TemplateSource templates() {
        return templates;
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
        List<MapNode> layers = List.of(readDefaults(), own,
                Overrides.parse(overrides, path -> schema.at(path).map(schema::isScalarMap).orElse(false)));
        MapNode layered = layers.stream().reduce(ConfigLayers::overlay).orElseThrow();

        // the layout chosen by those layers supplies the bottom layer: its kustomizations and their paths
        ConfigNode chosen = layered.get("layout");
        String layout = chosen instanceof ConfigNode.ScalarNode s && s.value() != null ? s.text() : DEFAULT_LAYOUT;
        if (schema.allows(List.of("layout"), layout)) { // else the schema reports it; it is never used as a path
            try {
                MapNode bottom = TemplateSet.load(templates, layout).defaults();
                layered = layers.stream().reduce(bottom, ConfigLayers::overlay);
            } catch (AksfluxException e) {
                problems.add(new Problem(chosen == null ? layered.origin() : chosen.origin(), "layout", Problem.inert(e.getMessage())));
            }
        }

        layered = new EnvironmentVariables(processEnvironment, PROTECTED_SETTINGS).resolve(layered, problems);
        ConfigPlaceholders.Result resolved = ConfigPlaceholders.resolve(layered, envName);
        layered = resolved.tree();
        // a field whose variable is missing, or whose placeholder names nothing, is reported once, as that
        Set<String> unresolvedFields = problems.stream().map(Problem::field).collect(Collectors.toSet());
        resolved.unresolvedFields().stream().map(Problem::inert).forEach(unresolvedFields::add); // as Problem keeps a field
        List<Problem> schemaProblems = schema.validate(layered);
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
        SeedLikeRule.check(layered, envName, environmentNames()).ifPresent(problems::add);
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
     * Where {@code dottedPath} (e.g. {@code azure.cluster}) is set for the environment, the topmost layer winning; empty
     * when no file or override sets it. Read again from the files: the model keeps values, not lines.
     */
    public java.util.Optional<Origin> origin(String name, List<String> overrides, String dottedPath) {
        MapNode layered = List.of(readDefaults(), YamlConfigReader.read(directory.resolve(name + ".yaml")),
                Overrides.parse(overrides, path -> schema.at(path).map(schema::isScalarMap).orElse(false)))
                .stream().reduce(ConfigLayers::overlay).orElseThrow();
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
