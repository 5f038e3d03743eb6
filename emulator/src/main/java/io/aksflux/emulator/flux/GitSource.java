package io.aksflux.emulator.flux;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * source-controller's part: fetches a Git repository at a branch, tag or commit into a bare mirror of its own
 * and hands back the commit's tree. Only local repositories are reached (file://, a path, http(s) on
 * localhost): there is no network, and a remote host is refused at once rather than left to time out.
 */
public final class GitSource implements AutoCloseable {
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final int TIMEOUT_SECONDS = 5;

    /** Where to fetch: the first of commit, semver, tag, branch that is set (as Flux chooses). */
    public record Ref(String branch, String tag, String semver, String commit) {
        public Ref(String branch, String tag, String commit) {
            this(branch, tag, null, commit);
        }
    }

    /** A fetch: the revision in Flux's form ({@code main@sha1:<sha>}) and its tree, or Flux's error message. */
    public record Fetched(String revision, SourceTree tree, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private final Path mirrors;
    private final Map<String, Repository> repositories = new HashMap<>();
    private final Map<String, String> insteadOf = new java.util.concurrent.ConcurrentHashMap<>();

    public GitSource(Path mirrors) {
        this.mirrors = mirrors;
    }

    /**
     * Serves URLs starting with {@code prefix} from {@code local} instead (as Git's {@code url.<local>.insteadOf}), so a
     * configuration can name a remote host, e.g. {@code https://dev.azure.com/org/project/_git/}, that tests keep on disk.
     */
    public void insteadOf(String prefix, String local) {
        insteadOf.put(prefix, local);
    }

    private String rewritten(String url) {
        return insteadOf.entrySet().stream().filter(e -> url.startsWith(e.getKey())).findFirst()
                .map(e -> e.getValue() + url.substring(e.getKey().length())).orElse(url);
    }

    public Fetched fetch(String url, Ref ref) {
        String failure = "failed to checkout and determine revision: unable to clone '" + url + "': ";
        URI uri;
        try {
            uri = localUri(rewritten(url));
        } catch (IllegalArgumentException e) {
            return new Fetched(null, null, failure + e.getMessage());
        }
        try {
            Repository mirror = mirror(url);
            Git.wrap(mirror).fetch().setRemote(uri.toString()).setRemoveDeletedRefs(true).setTimeout(TIMEOUT_SECONDS)
                    .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*")).call();
            return checkout(mirror, ref, failure);
        } catch (GitAPIException | IOException | RuntimeException e) {
            return new Fetched(null, null, failure + message(e));
        }
    }

    private static Fetched checkout(Repository mirror, Ref ref, String failure) throws IOException {
        String name;
        String revisionPrefix;
        if (present(ref.commit())) {
            name = ref.commit();
            revisionPrefix = present(ref.branch()) ? ref.branch() + "@" : "";
        } else if (present(ref.semver())) {
            Optional<String> tag;
            try {
                tag = SemverRange.parse(ref.semver()).highest(tags(mirror));
            } catch (IllegalArgumentException e) {
                return new Fetched(null, null, failure + "semver parse error: " + e.getMessage());
            }
            if (tag.isEmpty()) {
                return new Fetched(null, null, failure + "no match found for semver: " + ref.semver());
            }
            name = "refs/tags/" + tag.get() + "^{commit}";
            revisionPrefix = tag.get() + "@";
        } else if (present(ref.tag())) {
            name = "refs/tags/" + ref.tag() + "^{commit}";
            revisionPrefix = ref.tag() + "@";
        } else {
            String branch = present(ref.branch()) ? ref.branch() : "master";
            name = "refs/heads/" + branch;
            revisionPrefix = branch + "@";
        }
        ObjectId id = mirror.resolve(name);
        if (id == null) {
            String wanted = present(ref.commit()) ? "commit '" + ref.commit() + "'" : present(ref.tag()) ? "remote ref \"refs/tags/" + ref.tag() + "\""
                    : "remote ref \"" + name + "\"";
            return new Fetched(null, null, failure + "couldn't find " + wanted);
        }
        try (RevWalk walk = new RevWalk(mirror)) {
            RevCommit commit = walk.parseCommit(id);
            return new Fetched(revisionPrefix + "sha1:" + commit.name(), new SourceTree(mirror, commit.getTree()), null);
        }
    }

    private static List<String> tags(Repository mirror) throws IOException {
        return mirror.getRefDatabase().getRefsByPrefix(Constants.R_TAGS).stream()
                .map(r -> r.getName().substring(Constants.R_TAGS.length())).toList();
    }

    /** The URL as JGit reaches it, or why the emulator will not try. */
    static URI localUri(String url) {
        if (url.startsWith("/")) {
            return Path.of(url).toUri();
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL the emulator can read");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            return uri;
        }
        if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && LOCAL_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            return uri;
        }
        throw new IllegalArgumentException("the aksflux emulator only reaches local repositories (file://, a path, or http(s)://localhost) "
                + "and does not fetch from '" + (uri.getHost() == null ? url : uri.getHost()) + "'; point the repository at a local copy");
    }

    private Repository mirror(String url) throws GitAPIException {
        Repository existing = repositories.get(url);
        if (existing != null) {
            return existing;
        }
        String name = UUID.nameUUIDFromBytes(url.getBytes(StandardCharsets.UTF_8)).toString();
        Repository created = Git.init().setBare(true).setDirectory(mirrors.resolve(name + ".git").toFile()).call().getRepository();
        repositories.put(url, created);
        return created;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public void close() {
        repositories.values().forEach(Repository::close);
        repositories.clear();
    }
}
