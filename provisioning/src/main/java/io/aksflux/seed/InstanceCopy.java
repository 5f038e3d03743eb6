package io.aksflux.seed;

import io.aksflux.git.GitCheckout;
import io.aksflux.environment.EnvironmentName;
import io.aksflux.error.UsageException;
import io.aksflux.kustomize.KustomizeBuilder;
import io.aksflux.template.RenderedFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A new instance made the way the platform's engineers make one ("Add SND4 to Flux-core" copied snd/03 to snd/04):
 * the sibling's instance folders copied, with instance-specific names and paths rewritten, only where the new
 * instance has no file yet. An instance folder is a folder of the layout's files whose path ends in
 * {@code <code>/<nn>} ({@code clusters/snd/05}, {@code services/environments/snd/05}); its sibling ends in the
 * sibling's {@code <code>/<nn>}.
 */
public final class InstanceCopy {
    private final EnvironmentName from;
    private final EnvironmentName to;
    private final Pattern padded;
    private final Pattern unpadded;

    public InstanceCopy(EnvironmentName from, EnvironmentName to) {
        if (!from.code().equals(to.code())) {
            throw new UsageException("seed.like " + from.name() + " is another environment code than " + to.name() + " ('"
                    + from.code() + "' vs '" + to.code() + "'); copy a sibling of the same code, whose base folders the new instance shares");
        }
        this.from = from;
        this.to = to;
        // snd/04, snd-04, snd_04, snd04 (any case); never the 04 of 1.04 or 104
        this.padded = Pattern.compile("(?i)(?<![A-Za-z0-9.])(" + from.code() + ")([/_-]?)" + from.instance() + "(?![0-9])");
        // snd4, snd-4 (any case) when the number has one digit
        this.unpadded = Pattern.compile("(?i)(?<![A-Za-z0-9.])(" + from.code() + ")([_-]?)" + from.number() + "(?![0-9])");
    }

    public String from() {
        return from.name();
    }

    /** The sibling's text with its instance tokens turned into the new instance's. */
    public String rewrite(String text) {
        String out = replace(padded, text, to.instance());
        return from.number() < 10 ? replace(unpadded, out, Integer.toString(to.number())) : out;
    }

    private static String replace(Pattern pattern, String text, String instance) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + instance));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The files to create in one repository: every file of each sibling folder, rewritten, whose target does not exist
     * yet. A copied kustomization kustomize rejects as empty gets {@code resources: []}, as the layout seeds it.
     */
    public List<RenderedFile> files(String repo, List<RenderedFile> layoutFiles, GitCheckout checkout) {
        Path root = checkout.workTree().orElseThrow(() -> new UsageException("cannot copy " + from.name() + ": no work tree of " + checkout.url()));
        Map<String, RenderedFile> out = new LinkedHashMap<>();
        for (String folder : instanceFolders(layoutFiles, to)) {
            String sibling = (("/" + folder).substring(0, folder.length() + 1 - suffix(to).length()) + suffix(from)).substring(1);
            Path source = root.resolve(sibling);
            if (!Files.isDirectory(source)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                    String relative = source.relativize(file).toString().replace('\\', '/');
                    String target = folder + "/" + rewrite(relative);
                    if (checkout.read(target).isEmpty()) {
                        String text = rewrite(Files.readString(file, StandardCharsets.UTF_8));
                        out.put(target, new RenderedFile(repo, target, KustomizeBuilder.KUSTOMIZATION_FILES.contains(file.getFileName().toString())
                                && emptyKustomization(text) ? text + (text.endsWith("\n") || text.isEmpty() ? "" : "\n") + "resources: []\n" : text));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(out.values());
    }

    /** The sibling's folders this repository holds (none: there is nothing to copy here). */
    public List<String> siblingFolders(List<RenderedFile> layoutFiles, GitCheckout checkout) {
        return instanceFolders(layoutFiles, to).stream()
                .map(folder -> (("/" + folder).substring(0, folder.length() + 1 - suffix(to).length()) + suffix(from)).substring(1))
                .filter(checkout::isDirectory).toList();
    }

    /** Folders of the layout's files that end in the environment's {@code <code>/<nn>}. */
    static Set<String> instanceFolders(List<RenderedFile> files, EnvironmentName env) {
        Set<String> folders = new LinkedHashSet<>();
        String suffix = suffix(env);
        for (RenderedFile f : files) {
            String path = f.path();
            int at = ("/" + path).indexOf("/" + suffix.substring(1) + "/");
            if (at >= 0) {
                folders.add(path.substring(0, at + suffix.length() - 1));
            }
        }
        return folders;
    }

    private static String suffix(EnvironmentName env) {
        return "/" + env.code() + "/" + env.instance();
    }

    private static boolean emptyKustomization(String text) {
        try {
            Object doc = new org.yaml.snakeyaml.Yaml().load(text);
            return doc == null || doc instanceof Map<?, ?> map && map.entrySet().stream()
                    .allMatch(e -> "apiVersion".equals(e.getKey()) || "kind".equals(e.getKey()) || e.getValue() == null);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
