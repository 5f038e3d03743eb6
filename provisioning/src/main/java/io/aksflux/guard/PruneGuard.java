package io.aksflux.guard;

import io.aksflux.environment.Environment;
import io.aksflux.environment.Environment.KustomizationSpec;
import io.aksflux.error.Origin;
import io.aksflux.error.Problem;
import io.aksflux.guard.FluxBuild.Applied;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A guard against Flux pruning itself, for every layout: follows the flux configuration's kustomizations into the
 * repositories, and every Flux Kustomization their builds apply, and reports
 * <ul>
 *   <li>a build that applies Flux's own installation ({@code gotk-components.yaml}, {@code gotk-sync.yaml}, Flux's
 *   controllers or CRDs): the AKS extension installs and owns Flux, so this would be a second one (error);</li>
 *   <li>a Kustomization whose build holds its own manifest: with prune it deletes and fights itself (error), without
 *   prune it only re-applies itself (warning);</li>
 *   <li>two Kustomizations that apply the same objects (one folder inside the other's build): with prune one deletes
 *   what the other applies (error), without prune they take turns relabelling them (warning).</li>
 * </ul>
 * What cannot be read (a path not there yet, a build that fails, a source outside the environment's repositories) is
 * not judged: other checks report broken builds.
 */
public final class PruneGuard {
    static final String FLUX_GROUP = "kustomize.toolkit.fluxcd.io";
    private static final String SOURCE_GROUP = "source.toolkit.fluxcd.io";
    private static final Set<String> INSTALLATION_FILES = Set.of("gotk-components.yaml", "gotk-sync.yaml");
    private static final Set<String> CONTROLLERS = Set.of("source-controller", "kustomize-controller", "helm-controller",
            "notification-controller", "image-reflector-controller", "image-automation-controller");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::=([^}]*))?}");
    /** Enough for any estate's tree of Kustomizations; a bound so a hostile repository cannot make the check endless. */
    private static final int MAX_RECONCILERS = 500;
    private static final int LISTED = 5;

    /**
     * Errors refuse validate and plan; warnings are printed.
     *
     * @param followed every Kustomization whose build the guard could read, as messages name it
     */
    public record Findings(List<Problem> errors, List<Problem> warnings, List<String> followed) {
        public Findings {
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
            followed = List.copyOf(followed);
        }
    }

    private final Environment env;
    private final Function<String, Optional<RepositoryFiles>> repositories;
    private final Function<KustomizationSpec, Origin> where;
    private final Map<String, Optional<FluxBuild>> builders = new HashMap<>();

    /**
     * @param repositories a repository's files by role (empty: not readable)
     * @param where        the file and line that set a flux configuration kustomization's path
     */
    public PruneGuard(Environment env, Function<String, Optional<RepositoryFiles>> repositories,
                      Function<KustomizationSpec, Origin> where) {
        this.env = env;
        this.repositories = repositories;
        this.where = where;
    }

    /** Offline: the files a seed renders for each repository (what {@code validate} can see). */
    public static Findings ofRendered(Environment env, List<io.aksflux.template.RenderedFile> files,
                                      Function<KustomizationSpec, Origin> where) {
        Map<String, Map<String, String>> byRepo = new LinkedHashMap<>();
        files.forEach(f -> byRepo.computeIfAbsent(f.repo(), r -> new LinkedHashMap<>()).put(f.path(), f.content()));
        return new PruneGuard(env, role -> Optional.ofNullable(byRepo.get(role)).map(RepositoryFiles::of), where).check();
    }

    /** What one reconciler applies, and the flux configuration kustomization whose tree it is in. */
    private record Reached(Reconciler reconciler, List<Applied> applied, KustomizationSpec root) {
    }

    public Findings check() {
        List<Reached> reached = follow();
        Set<String> errors = new LinkedHashSet<>();
        Set<String> warnings = new LinkedHashSet<>();
        List<Problem> errorProblems = new ArrayList<>();
        List<Problem> warningProblems = new ArrayList<>();
        java.util.function.BiConsumer<KustomizationSpec, String> error = (root, message) -> {
            if (errors.add(message)) {
                errorProblems.add(problem(root, message));
            }
        };
        java.util.function.BiConsumer<KustomizationSpec, String> warning = (root, message) -> {
            if (warnings.add(message)) {
                warningProblems.add(problem(root, message));
            }
        };
        Set<Set<String>> installationsReported = new java.util.HashSet<>();
        for (Reached r : reached) {
            List<String> installation = files(r, r.applied().stream().filter(PruneGuard::isFluxInstallation).toList());
            if (!installation.isEmpty() && installationsReported.add(Set.copyOf(installation))) {
                error.accept(r.root(), installation(r.reconciler(), installation));
            }
            if (appliesItself(r)) {
                (r.reconciler().prune() ? error : warning).accept(r.root(), itself(r));
            }
        }
        for (int i = 0; i < reached.size(); i++) {
            for (int j = i + 1; j < reached.size(); j++) {
                Reached a = reached.get(i);
                Reached b = reached.get(j);
                if (!a.reconciler().repo().equals(b.reconciler().repo())) {
                    continue;
                }
                Set<String> ids = new LinkedHashSet<>();
                a.applied().forEach(o -> applied(a, o).ifPresent(ids::add));
                List<Applied> shared = b.applied().stream().filter(o -> applied(b, o).filter(ids::contains).isPresent()).toList();
                if (!shared.isEmpty()) {
                    boolean prune = a.reconciler().prune() || b.reconciler().prune();
                    (prune ? error : warning).accept(b.root(), overlap(a, b, shared, prune)); // the later one made it overlap
                }
            }
        }
        return new Findings(errorProblems, warningProblems, reached.stream().map(r -> r.reconciler().label()).toList());
    }

    /** Every reconciler reachable from the flux configuration's kustomizations, with what each applies. */
    private List<Reached> follow() {
        Deque<Reached> pending = new ArrayDeque<>();
        List<Reached> reached = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Map<String, Map<?, ?>> gitRepositories = new LinkedHashMap<>();
        List<Found> unresolved = new ArrayList<>();
        for (KustomizationSpec k : env.flux().kustomizations()) {
            Reconciler r = new Reconciler(k.name(), env.flux().namespace(), env.flux().objectName(k), env.flux().sourceRepo(),
                    folder(k.path()), k.prune(), null, k.substitute());
            seen.add(key(r));
            build(r).ifPresent(applied -> pending.add(new Reached(r, applied, k)));
        }
        while (!pending.isEmpty() && reached.size() < MAX_RECONCILERS) {
            Reached r = pending.poll();
            reached.add(r);
            for (Applied o : r.applied()) {
                if (o.kind().equals("GitRepository") && o.group().equals(SOURCE_GROUP)) {
                    gitRepositories.putIfAbsent(namespaced(o), o.document());
                } else if (o.kind().equals("Kustomization") && o.group().equals(FLUX_GROUP)) {
                    unresolved.add(new Found(o, r));
                }
            }
            if (pending.isEmpty()) {
                // a source may be declared in a build met after the Kustomization that reads it
                for (java.util.Iterator<Found> it = unresolved.iterator(); it.hasNext(); ) {
                    Found f = it.next();
                    Optional<Reconciler> child = reconciler(f, gitRepositories);
                    if (child.isEmpty()) {
                        continue;
                    }
                    it.remove();
                    if (seen.add(key(child.get()))) {
                        build(child.get()).ifPresent(applied -> pending.add(new Reached(child.get(), applied, f.parent().root())));
                    }
                }
            }
        }
        return reached;
    }

    /** A Kustomization object met in a parent's build. */
    private record Found(Applied object, Reached parent) {
    }

    private Optional<Reconciler> reconciler(Found found, Map<String, Map<?, ?>> gitRepositories) {
        Map<?, ?> spec = map(found.object().document().get("spec"));
        Map<?, ?> sourceRef = map(spec.get("sourceRef"));
        if (!"GitRepository".equals(sourceRef.get("kind")) || !(sourceRef.get("name") instanceof String sourceName)) {
            return Optional.empty();
        }
        String namespace = namespaceOf(found.object());
        String sourceNamespace = sourceRef.get("namespace") instanceof String s ? s : namespace;
        Optional<String> repo = sourceName.equals(env.flux().name()) && sourceNamespace.equals(env.flux().namespace())
                ? Optional.of(env.flux().sourceRepo())
                : Optional.ofNullable(gitRepositories.get(sourceNamespace + "/" + sourceName)).flatMap(this::role);
        Map<String, String> parentValues = found.parent().reconciler().substitute();
        Optional<String> path = substituted(spec.get("path") instanceof String p ? p : "", parentValues);
        if (repo.isEmpty() || path.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> substitute = new LinkedHashMap<>();
        map(map(spec.get("postBuild")).get("substitute")).forEach((k, v) -> substitute.put(String.valueOf(k), String.valueOf(v)));
        return Optional.of(new Reconciler(null, namespace, found.object().id().name(), repo.get(), folder(path.get()),
                Boolean.TRUE.equals(spec.get("prune")), found.parent().reconciler().repo() + " repository: " + found.object().file(),
                substitute));
    }

    /**
     * The environment's repository a GitRepository object reads, at the branch the environment configures: the same
     * URL (scheme, user, case and a trailing {@code .git} aside), else the one repository of the same name (a mirror
     * or local copy the environment points at instead).
     */
    private Optional<String> role(Map<?, ?> gitRepository) {
        Map<?, ?> spec = map(gitRepository.get("spec"));
        if (!(spec.get("url") instanceof String url)) {
            return Optional.empty();
        }
        Object branch = map(spec.get("ref")).get("branch");
        List<Environment.Repository> onBranch = env.repos().all().stream()
                .filter(r -> branch == null || branch.equals(r.branch())).toList();
        Optional<Environment.Repository> same = onBranch.stream().filter(r -> normalUrl(r.url()).equals(normalUrl(url))).findFirst();
        if (same.isPresent()) {
            return same.map(Environment.Repository::role);
        }
        List<Environment.Repository> named = onBranch.stream().filter(r -> repositoryName(r.url()).equals(repositoryName(url))).toList();
        return named.size() == 1 ? Optional.of(named.get(0).role()) : Optional.empty();
    }

    /** {@code github.com/org/repo} for {@code ssh://git@github.com/org/repo.git/}, {@code git@github.com:org/repo}, https. */
    private static String normalUrl(String url) {
        String u = url.strip().toLowerCase(Locale.ROOT).replaceAll("/+$", "").replaceFirst("^[a-z][a-z0-9+.-]*://", "")
                .replaceFirst("^[^@/]*@", "");
        u = u.endsWith(".git") ? u.substring(0, u.length() - 4) : u;
        return u.replaceFirst("^([^/:]+):(?!\\d+/)", "$1/");
    }

    private static String repositoryName(String url) {
        String u = normalUrl(url);
        return u.substring(u.lastIndexOf('/') + 1);
    }

    /**
     * The object as Flux applies it: its kind, namespace and name after the reconciler's own {@code postBuild.substitute}
     * (one generic folder applied per service under {@code ${SERVICE_NAME}} is a different object each time); empty while
     * a variable stays unknown (from {@code substituteFrom}), since then nothing can be said of what it collides with.
     */
    private static Optional<String> applied(Reached r, Applied object) {
        return substituted(object.id().toString(), r.reconciler().substitute());
    }

    /** The path with the parent's {@code postBuild.substitute} filled in; empty when a variable is left unknown. */
    private static Optional<String> substituted(String path, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.containsKey(m.group(1)) ? values.get(m.group(1)) : m.group(2);
            if (value == null) {
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().contains("${") ? Optional.empty() : Optional.of(out.toString());
    }

    private Optional<List<Applied>> build(Reconciler r) {
        try {
            return builders.computeIfAbsent(r.repo(), role -> repositories.apply(role).map(FluxBuild::new))
                    .flatMap(b -> b.of(r.folder()));
        } catch (io.aksflux.error.GitException refused) {
            return Optional.empty(); // a path aksflux refuses to read (a symbolic link on the way): the plan reports those
        }
    }

    private static boolean isFluxInstallation(Applied o) {
        return INSTALLATION_FILES.contains(fileName(o.file()))
                || o.kind().equals("CustomResourceDefinition") && o.id().name().endsWith(".toolkit.fluxcd.io")
                || o.kind().equals("Deployment") && CONTROLLERS.contains(o.id().name());
    }

    private static boolean appliesItself(Reached r) {
        return r.applied().stream().anyMatch(o -> o.kind().equals("Kustomization") && o.group().equals(FLUX_GROUP)
                && o.id().name().equals(r.reconciler().name()) && namespaceOf(o).equals(r.reconciler().namespace()));
    }

    private String installation(Reconciler r, List<String> files) {
        String folder = files.stream().map(PruneGuard::parent).distinct().reduce((a, b) -> a.equals(b) ? a : "").orElse("");
        return label(r) + " applies Flux's own installation (" + String.join(", ", files) + "): the AKS extension"
                + " (microsoft.flux) installs and owns Flux's controllers and CRDs, so Flux would apply a second installation over"
                + " the extension's and the two would fight over the same controllers. Migrating from flux bootstrap: delete "
                + (folder.isEmpty() ? "the gotk-components.yaml and gotk-sync.yaml files" : folder + "/gotk-components.yaml and "
                + folder + "/gotk-sync.yaml (and the kustomization.yaml that lists them)")
                + " from the " + r.repo() + " repository; the extension owns Flux, and the flux configuration's"
                + " kustomizations take the place of gotk-sync.yaml's GitRepository and Kustomization";
    }

    private String itself(Reached r) {
        Reconciler k = r.reconciler();
        List<String> owned = r.applied().stream().filter(o -> o.group().endsWith(".toolkit.fluxcd.io"))
                .map(o -> o.kind() + " " + o.name() + " in " + o.file()).distinct().toList();
        String base = label(k) + " reconciles " + k.path() + ", the folder that holds its own manifest ("
                + r.applied().stream().filter(o -> o.kind().equals("Kustomization") && o.id().name().equals(k.name()))
                .map(Applied::file).findFirst().orElse("?") + ")";
        if (!k.prune()) {
            return base + ": Flux applies its own spec from the folder it reads; without prune nothing is deleted, but a"
                    + " change to it takes effect only through itself. Move the Kustomization out of " + k.path();
        }
        return base + ": with prune: true Flux deletes whatever leaves that build, this Kustomization and the cluster-owned"
                + " objects beside it included (" + listed(owned) + "), and stays stuck reconciling the folder that"
                + " contains itself. Move the cluster-owned GitRepositories and Kustomizations out of " + k.path()
                + ", or point the path at a folder that does not hold them";
    }

    private String overlap(Reached a, Reached b, List<Applied> shared, boolean prune) {
        String base = label(a.reconciler()) + " and " + label(b.reconciler()) + " both apply " + listed(files(a, shared))
                + " (" + shared.size() + " object" + (shared.size() == 1 ? "" : "s") + "): one folder is inside the other's build";
        return prune
                ? base + "; with prune: true each deletes what the other applies as soon as it leaves its own build, and"
                + " Flux hands the objects back and forth between them. Give each Kustomization a folder of its own"
                + " (disjoint paths), or list the shared folder in one build only"
                : base + "; without prune nothing is deleted, but each reconcile relabels the objects as the other's."
                + " Give each Kustomization a folder of its own";
    }

    private String label(Reconciler r) {
        return r.label();
    }

    private static List<String> files(Reached r, List<Applied> objects) {
        return objects.stream().map(Applied::file).distinct().toList();
    }

    private static String listed(List<String> items) {
        if (items.size() <= LISTED) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, LISTED)) + " and " + (items.size() - LISTED) + " more";
    }

    private Problem problem(KustomizationSpec root, String message) {
        return new Problem(where.apply(root), "flux.kustomizations." + root.name() + ".path", Problem.inert(message));
    }

    private static String key(Reconciler r) {
        return r.namespace() + "/" + r.name();
    }

    private static String namespaced(Applied o) {
        return namespaceOf(o) + "/" + o.id().name();
    }

    private static String namespaceOf(Applied o) {
        return o.id().namespace().isEmpty() ? "default" : o.id().namespace();
    }

    /** Flux's {@code spec.path}, repository-relative: {@code ./clusters/dev/} is {@code clusters/dev}, {@code ./} the root. */
    static String folder(String path) {
        List<String> parts = new ArrayList<>();
        for (String s : path.replace('\\', '/').split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(s);
            }
        }
        return String.join("/", parts);
    }

    private static String parent(String file) {
        return file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : "";
    }

    private static String fileName(String file) {
        return file.substring(file.lastIndexOf('/') + 1);
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }
}
