package io.aksflux.git;

import io.aksflux.environment.Environment;
import io.aksflux.error.GitException;
import io.aksflux.support.GitRepos;
import io.aksflux.support.SeedFixture;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.junit.http.AppServer;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seeding over HTTP with basic auth: JGit's Git servlet in an embedded Jetty in the same JVM. */
class SeedOverHttpTest {
    private static final String WRONG_TOKEN = "wrong-token-3f9a1c";
    private static final String ENTRA_TOKEN = "entra-access-token-5d2e";

    @TempDir
    Path dir;
    private SeedFixture repos;
    private AppServer server;
    private Environment snd4;

    @BeforeEach
    void serve() throws Exception {
        repos = new SeedFixture(dir);
        server = new AppServer();
        ServletContextHandler context = server.addContext("/git");
        GitServlet git = new GitServlet();
        git.setRepositoryResolver((request, name) -> open(name));
        context.addServlet(new ServletHolder(git), "/*");
        server.authBasic(context);
        // Azure Repos' way with Entra tokens: a bearer header, refused with 401 otherwise
        ServletContextHandler entra = server.addContext("/entra");
        GitServlet entraGit = new GitServlet();
        entraGit.setRepositoryResolver((request, name) -> open(name));
        // the filter is the authentication here; the servlet's default refuses pushes without a servlet user
        entraGit.setReceivePackFactory((request, repository) -> new org.eclipse.jgit.transport.ReceivePack(repository));
        entra.addServlet(new ServletHolder(entraGit), "/*");
        entra.addFilter(new FilterHolder((jakarta.servlet.Filter) (request, response, chain) -> {
            if (("Bearer " + ENTRA_TOKEN).equals(((HttpServletRequest) request).getHeader("Authorization"))) {
                chain.doFilter(request, response);
            } else {
                ((HttpServletResponse) response).setHeader("WWW-Authenticate", "Bearer");
                ((HttpServletResponse) response).sendError(401);
            }
        }), "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setUp();
        snd4 = servedFrom("/git/");
    }

    /** snd4 on this server; the schema admits only https for real hosts and the test server speaks http, so the model is set directly. */
    private Environment servedFrom(String context) {
        Environment local = repos.environment("snd4");
        String base = server.getURI() + context;
        return new Environment(local.name(), local.file(), local.layout(), local.azure(),
                Environment.Repositories.of(new Environment.Repository("core", base + "core.git", "main"),
                        new Environment.Repository("services", base + "services.git", "main")),
                local.extension(), local.flux(), local.notifications(), local.values());
    }

    @Test
    void an_entra_token_is_sent_as_a_bearer_header_as_azure_repos_expects() {
        GitRemote remote = new JGitRemote(new GitCredentials(Map.of(GitCredentials.AUTH_VARIABLE, "entra"), () -> Optional.of(ENTRA_TOKEN)));

        var result = repos.seed(servedFrom("/entra/"), remote, null, false);

        assertThat(result.repos()).allSatisfy(r -> assertThat(r.pushed()).isTrue());
        assertThat(GitRepos.read(repos.core, "main", "clusters/snd/04/kustomization.yaml")).isPresent();
    }

    @Test
    void a_refused_entra_token_names_the_fix_and_never_the_token() {
        GitRemote remote = new JGitRemote(new GitCredentials(Map.of(GitCredentials.AUTH_VARIABLE, "entra"), () -> Optional.of(WRONG_TOKEN)));
        Environment env = servedFrom("/entra/");

        assertThatThrownBy(() -> repos.seed(env, remote, null, false))
                .isInstanceOf(GitException.class)
                .hasMessageStartingWith("cannot authenticate to " + env.repos().byRole("core").url())
                .hasMessageContaining("sign in so DefaultAzureCredential finds an Entra identity with access")
                .satisfies(e -> assertThat(stackText(e)).doesNotContain(WRONG_TOKEN));
        assertThat(GitRepos.log(repos.core, "main")).hasSize(1);
    }

    @AfterEach
    void stop() throws Exception {
        server.tearDown();
    }

    @Test
    void a_token_from_the_environment_seeds_over_https_basic_auth() {
        GitRemote remote = remote(Map.of("AKSFLUX_GIT_TOKEN", AppServer.password, GitCredentials.USERNAME_VARIABLE, AppServer.username));

        var result = repos.seed(snd4, remote, null, false);

        assertThat(result.repos()).allSatisfy(r -> assertThat(r.pushed()).isTrue());
        assertThat(GitRepos.read(repos.core, "main", "clusters/snd/04/kustomization.yaml")).isPresent();
        assertThat(repos.seed(snd4, remote, null, false).hasChanges()).isFalse();
    }

    @Test
    void wrong_credentials_give_a_clear_error_without_the_token_and_leave_no_partial_state(@TempDir Path scratch) throws IOException {
        GitRemote remote = new JGitRemote(new GitCredentials(Map.of("AKSFLUX_GIT_TOKEN", WRONG_TOKEN, GitCredentials.USERNAME_VARIABLE,
                AppServer.username), Optional::empty), scratch);

        assertThatThrownBy(() -> repos.seed(snd4, remote, null, false))
                .isInstanceOf(GitException.class)
                .hasMessage("cannot authenticate to " + snd4.repos().byRole("core").url()
                        + ": the token in AKSFLUX_GIT_TOKEN was refused; set it to a token that can read and push to the repository")
                .satisfies(e -> assertThat(stackText(e)).doesNotContain(WRONG_TOKEN));
        assertThat(GitRepos.log(repos.core, "main")).hasSize(1);
        assertThat(GitRepos.log(repos.services, "main")).hasSize(1);
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left).as("no temporary clone is left behind").isEmpty();
        }
    }

    @Test
    void no_token_at_all_names_the_variables_to_set() {
        assertThatThrownBy(() -> repos.seed(snd4, remote(Map.of()), null, true))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("set AKSFLUX_GIT_TOKEN (or GITHUB_TOKEN / SYSTEM_ACCESSTOKEN in pipelines)");
    }

    @Test
    void userinfo_in_a_url_never_reaches_a_message() {
        String withSecret = snd4.repos().byRole("core").url().replace("http://", "http://someone:" + WRONG_TOKEN + "@");

        assertThatThrownBy(() -> remote(Map.of()).checkout(withSecret, "main", "main"))
                .isInstanceOf(GitException.class)
                .satisfies(e -> assertThat(stackText(e)).doesNotContain(WRONG_TOKEN).contains(snd4.repos().byRole("core").url()));
    }

    private static GitRemote remote(Map<String, String> environment) {
        return new JGitRemote(new GitCredentials(environment, Optional::empty));
    }

    private Repository open(String name) throws RepositoryNotFoundException {
        Path bare = name.equals("core.git") ? repos.core : name.equals("services.git") ? repos.services : null;
        if (bare == null) {
            throw new RepositoryNotFoundException(name);
        }
        try {
            return new FileRepositoryBuilder().setGitDir(bare.toFile()).setMustExist(true).build();
        } catch (IOException e) {
            throw new RepositoryNotFoundException(name, e);
        }
    }

    private static String stackText(Throwable e) {
        java.io.StringWriter text = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}
