package io.aksflux.git;

import io.aksflux.environment.Environment.GitAuthor;
import io.aksflux.error.GitException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.UserConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FileUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@link GitRemote} over JGit: temporary clones of one branch, commit, push; no git binary needed. */
public final class JGitRemote implements GitRemote {
    private final GitCredentials credentials;
    private final Path scratch;
    private final TemporaryClones clones;

    /** Clones go to the system's temporary folder. */
    public JGitRemote(GitCredentials credentials) {
        this(credentials, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Clones go under {@code scratch}, so a caller can check that none is left behind. */
    public JGitRemote(GitCredentials credentials, Path scratch) {
        this(credentials, scratch, TemporaryClones.PROCESS);
    }

    /** {@code clones}: where open clones are recorded, so an interrupted process deletes them. */
    public JGitRemote(GitCredentials credentials, Path scratch, TemporaryClones clones) {
        this.credentials = credentials;
        this.scratch = scratch;
        this.clones = clones;
    }

    @Override
    public Optional<String> head(String url, String branch) {
        return Optional.ofNullable(branches(url).get("refs/heads/" + branch)).map(ref -> ref.getObjectId().name());
    }

    @Override
    public Optional<String> tag(String url, String tag) {
        Map<String, Ref> tags = call(url, () -> credentials.configure(Git.lsRemoteRepository().setRemote(url).setTags(true), url).callAsMap());
        return Optional.ofNullable(tags.get("refs/tags/" + tag))
                .map(ref -> ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId()).map(id -> id.name());
    }

    @Override
    public GitCheckout checkout(String url, String branch, String startFrom) {
        Map<String, Ref> heads = branches(url);
        if (heads.isEmpty()) {
            return startEmpty(url, branch, startFrom);
        }
        String base = heads.containsKey("refs/heads/" + branch) ? branch : startFrom;
        if (!heads.containsKey("refs/heads/" + base)) {
            throw new GitException("branch '" + base + "' does not exist in " + GitCredentials.withoutUserInfo(url)
                    + "; create it or set the repository's branch in the environment file");
        }
        Path dir = tempDir();
        try {
            // no checkout: only the paths the seed looks at are written (OnDemandWorkTree)
            Git git = call(url, () -> credentials.configure(Git.cloneRepository().setURI(url).setDirectory(dir.toFile())
                    .setBranch(base).setBranchesToClone(List.of("refs/heads/" + base)).setNoCheckout(true), url).call());
            try {
                OnDemandWorkTree.start(git.getRepository(), base);
            } catch (RuntimeException e) {
                git.close();
                throw e;
            }
            return new Checkout(git, dir, url, branch, base, new OnDemandWorkTree(git.getRepository(), dir));
        } catch (RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    /** The repository's branches by ref name, as {@code git ls-remote --heads} lists them: no clone. */
    private Map<String, Ref> branches(String url) {
        return call(url, () -> credentials.configure(Git.lsRemoteRepository().setRemote(url).setHeads(true), url).callAsMap());
    }

    /**
     * A repository without any branch yet (created empty, to be seeded): an empty working copy whose first commit
     * becomes the root of {@code branch}. A review branch needs the configured branch to start from, so it is refused.
     */
    private GitCheckout startEmpty(String url, String branch, String startFrom) {
        if (!branch.equals(startFrom)) {
            throw new GitException(GitCredentials.withoutUserInfo(url) + " is empty, so review branch '" + branch
                    + "' has nothing to start from; seed its branch '" + startFrom + "' first (without --branch)");
        }
        Path dir = tempDir();
        Git git = null;
        try {
            git = Git.init().setDirectory(dir.toFile()).setInitialBranch(branch).call();
            git.remoteAdd().setName("origin").setUri(new URIish(url)).call();
            return new Checkout(git, dir, url, branch, branch, null);
        } catch (GitAPIException | URISyntaxException | RuntimeException e) {
            if (git != null) {
                git.close();
            }
            delete(dir);
            throw new GitException("cannot prepare the first commit for " + GitCredentials.withoutUserInfo(url) + ": "
                    + credentials.redact(e.getMessage()));
        }
    }

    private final class Checkout implements GitCheckout {
        private final Git git;
        private final Path dir;
        private final String url;
        private final String branch;
        private final String base;
        private final ClonePaths paths;
        private final OnDemandWorkTree workTree;

        Checkout(Git git, Path dir, String url, String branch, String base, OnDemandWorkTree workTree) {
            this.git = git;
            this.dir = dir;
            this.url = url;
            this.branch = branch;
            this.base = base;
            this.paths = new ClonePaths(git.getRepository(), dir, GitCredentials.withoutUserInfo(url), branch, workTree);
            this.workTree = workTree;
        }

        @Override
        public String url() {
            return GitCredentials.withoutUserInfo(url);
        }

        @Override
        public String branch() {
            return branch;
        }

        @Override
        public Optional<String> read(String path) {
            return paths.read(path);
        }

        /** The whole working copy: the build checks walk it, so every file not written yet is written first. */
        @Override
        public Optional<Path> workTree() {
            if (workTree != null) {
                workTree.complete();
            }
            return Optional.of(dir);
        }

        @Override
        public boolean isDirectory(String path) {
            return paths.isDirectory(path);
        }

        @Override
        public void write(String path, String content) {
            String file = paths.write(path, content);
            try {
                git.add().addFilepattern(file).call();
            } catch (GitAPIException e) {
                throw new GitException("cannot stage " + path + " in a clone of " + url() + ": " + e.getMessage());
            }
        }

        @Override
        public Optional<String> commit(String message, Optional<GitAuthor> author) {
            try {
                var status = git.status().call();
                if (status.getAdded().isEmpty() && status.getChanged().isEmpty()) {
                    return Optional.empty();
                }
                PersonIdent who = author.map(a -> new PersonIdent(a.name(), a.email())).orElseGet(this::configuredAuthor);
                RevCommit commit = git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
                return Optional.of(commit.getId().name());
            } catch (GitAPIException e) {
                throw new GitException("cannot commit in a clone of " + url() + ": " + e.getMessage());
            }
        }

        /** user.name / user.email of the repository, user or system Git configuration, else aksflux's own. */
        private PersonIdent configuredAuthor() {
            UserConfig user = git.getRepository().getConfig().get(UserConfig.KEY);
            return user.isAuthorNameImplicit() || user.isAuthorEmailImplicit()
                    ? new PersonIdent("aksflux", "aksflux@localhost")
                    : new PersonIdent(user.getAuthorName(), user.getAuthorEmail());
        }

        @Override
        public boolean push() {
            Iterable<PushResult> results = call(url, () -> credentials.configure(git.push().setRemote("origin")
                    .setRefSpecs(new RefSpec("HEAD:refs/heads/" + branch)), url).call());
            for (PushResult result : results) {
                for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                    switch (update.getStatus()) {
                        case OK, UP_TO_DATE -> {
                        }
                        case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> {
                            return false;
                        }
                        default -> {
                            String why = Optional.ofNullable(update.getMessage()).orElse(update.getStatus().name());
                            if (why.toLowerCase(java.util.Locale.ROOT).contains("lock")) {
                                return false; // the server lost a race on the ref: someone pushed meanwhile
                            }
                            throw new GitException("push to " + url() + " branch " + branch + " was refused: "
                                    + credentials.redact(why));
                        }
                    }
                }
            }
            return true;
        }

        @Override
        public void reset() {
            call(url, () -> credentials.configure(git.fetch().setRemote("origin")
                    .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":refs/remotes/origin/" + branch),
                            new RefSpec("+refs/heads/" + base + ":refs/remotes/origin/" + base)), url).call());
            try {
                String target = git.getRepository().findRef("refs/remotes/origin/" + branch) != null ? branch : base;
                git.reset().setMode(ResetCommand.ResetType.HARD).setRef("refs/remotes/origin/" + target).call();
            } catch (IOException | GitAPIException e) {
                throw new GitException("cannot move a clone of " + url() + " to the new head of " + branch + ": " + e.getMessage());
            }
        }

        @Override
        public void close() {
            git.close();
            delete(dir);
        }
    }

    private interface GitCall<T> {
        T call() throws GitAPIException;
    }

    /** Runs a network call; a refused login or unreachable host becomes a {@link GitException} without secrets. */
    private <T> T call(String url, GitCall<T> action) {
        try {
            return action.call();
        } catch (TransportException e) {
            String where = GitCredentials.withoutUserInfo(url);
            credentials.refusedHostKey(url).ifPresent(why -> {
                throw new GitException("refused to connect to " + where + ": " + why);
            });
            String detail = credentials.redact(e.getMessage()).replaceFirst("^" + Pattern.quote(where) + ":\\s*", "");
            if (refusedLogin(detail)) {
                throw new GitException("cannot authenticate to " + where + ": " + credentials.hint(url));
            }
            throw new GitException("cannot reach " + where + ": " + detail);
        } catch (GitAPIException e) {
            throw new GitException("Git failed on " + GitCredentials.withoutUserInfo(url) + ": " + credentials.redact(e.getMessage()));
        }
    }

    private static boolean refusedLogin(String message) {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        return m.contains("not authorized") || m.contains("authentication is required") || m.contains("auth fail")
                || m.contains("authentication not supported") || m.contains("cannot log in") || m.contains("403 forbidden") || m.contains("no more authentication methods");
    }

    private Path tempDir() {
        Path dir;
        try {
            dir = Files.createTempDirectory(scratch, "aksflux-git-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        clones.opened(dir);
        return dir;
    }

    private void delete(Path dir) {
        clones.closed(dir);
        try {
            FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary clone " + dir, e);
        }
    }
}
