package io.aksflux.git;

import io.aksflux.error.GitException;
import io.aksflux.secret.Redactor;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.internal.transport.ssh.OpenSshConfigFile;
import org.eclipse.jgit.transport.SshConfigStore;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.util.FS;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How aksflux authenticates to a repository, never from the command line and never inside the URL:
 * HTTPS with a token from the process environment ({@link #TOKEN_VARIABLES}, first set wins) as a basic-auth
 * password; Azure DevOps without such a token with an Entra token; SSH with a key file or the agent and a strict
 * known_hosts check. Tokens are kept out of every message ({@link #redact}).
 */
public final class GitCredentials {
    /** AKSFLUX_GIT_TOKEN, then what GitHub Actions and Azure DevOps pipelines provide. */
    public static final List<String> TOKEN_VARIABLES = List.of("AKSFLUX_GIT_TOKEN", "GITHUB_TOKEN", "SYSTEM_ACCESSTOKEN");
    public static final String USERNAME_VARIABLE = "AKSFLUX_GIT_USERNAME";
    public static final String SSH_KEY_VARIABLE = "AKSFLUX_GIT_SSH_KEY";
    public static final String KNOWN_HOSTS_VARIABLE = "AKSFLUX_GIT_KNOWN_HOSTS";
    /** {@code entra}: an Entra token for any https host, e.g. Azure DevOps Server under a host name of its own. */
    public static final String AUTH_VARIABLE = "AKSFLUX_GIT_AUTH";

    private final Map<String, String> environment;
    private final Supplier<Optional<String>> entraToken;
    private final Path home;
    private final List<String> secrets = new java.util.concurrent.CopyOnWriteArrayList<>(); // read while other threads add
    private SshdSessionFactory ssh;
    private StrictKnownHosts knownHosts;

    /** {@code entraToken} is asked only for an Azure DevOps URL when no token variable is set. */
    public GitCredentials(Map<String, String> environment, Supplier<Optional<String>> entraToken) {
        this(environment, entraToken, FS.DETECTED.userHome().toPath());
    }

    /** {@code home} holds {@code .ssh} (config, default keys, known_hosts); tests pass a folder of their own. */
    public GitCredentials(Map<String, String> environment, Supplier<Optional<String>> entraToken, Path home) {
        this.environment = Map.copyOf(environment);
        this.entraToken = entraToken;
        this.home = home;
        token().ifPresent(this::remember);
    }

    <C extends TransportCommand<C, ?>> C configure(C command, String url) {
        if (isSsh(url)) {
            sshKey().filter(key -> !Files.isRegularFile(key) || !Files.isReadable(key)).ifPresent(key -> {
                throw new GitException(SSH_KEY_VARIABLE + " names " + key + ", which is not a readable file; set it to the private key file for "
                        + withoutUserInfo(url));
            });
            return command.setTransportConfigCallback(t -> ((SshTransport) t).setSshSessionFactory(sshFactory()));
        }
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            return command;
        }
        Optional<String> token = token();
        if (token.isPresent()) {
            remember(token.get());
            return command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(
                    environment.getOrDefault(USERNAME_VARIABLE, "x-access-token"), token.get()));
        }
        if (usesEntra(url)) {
            // Azure Repos takes Entra tokens as a bearer header (as `git -c http.extraheader`), not as a basic-auth password
            entraToken.get().ifPresent(entra -> {
                remember(entra);
                command.setTransportConfigCallback(t -> {
                    if (t instanceof TransportHttp http) {
                        http.setAdditionalHeaders(Map.of("Authorization", "Bearer " + entra));
                    }
                });
            });
        }
        return command;
    }

    private void remember(String secret) {
        ((java.util.concurrent.CopyOnWriteArrayList<String>) secrets).addIfAbsent(secret);
        Redactor.shared().register(secret);
    }

    private boolean usesEntra(String url) {
        return isAzureDevOps(url) || "entra".equalsIgnoreCase(environment.getOrDefault(AUTH_VARIABLE, ""));
    }

    /** What to do about a refused authentication, for the error message. */
    String hint(String url) {
        if (isSsh(url)) {
            String fix = "set " + SSH_KEY_VARIABLE + " to a private key file whose public key may read and push to the repository (a deploy key with write access, for instance)";
            return sshKey().map(key -> "the server refused the key in " + SSH_KEY_VARIABLE + " (" + key + "); " + fix)
                    .orElse("the server accepted none of the default keys in " + home.resolve(".ssh") + " (" + SSH_KEY_VARIABLE + " is not set); " + fix);
        }
        String which = TOKEN_VARIABLES.stream().filter(environment::containsKey).findFirst()
                .map(v -> "the token in " + v + " was refused; set it to a token that can read and push to the repository")
                .orElse("set AKSFLUX_GIT_TOKEN (or GITHUB_TOKEN / SYSTEM_ACCESSTOKEN in pipelines) to a token that can read and push to the repository");
        return usesEntra(url) && TOKEN_VARIABLES.stream().noneMatch(environment::containsKey)
                ? which + ", or sign in so DefaultAzureCredential finds an Entra identity with access" : which;
    }

    /** Why the SSH host of {@code url} was refused, with the fix, when its host key was the reason. */
    synchronized Optional<String> refusedHostKey(String url) {
        return knownHosts == null ? Optional.empty() : knownHosts.refusal(url);
    }

    /** Text with every known secret, credential-shaped string and any userinfo in URLs removed. */
    String redact(String text) {
        String out = text == null ? "" : text;
        for (String secret : secrets) {
            out = out.replace(secret, Redactor.MASK);
        }
        return Redactor.shared().redact(out);
    }

    /** URLs without userinfo, which may hold a token; an SSH user name alone stays ({@link Redactor#withoutUserInfo}). */
    static String withoutUserInfo(String text) {
        return Redactor.withoutUserInfo(text);
    }

    private Optional<Path> sshKey() {
        return Optional.ofNullable(environment.get(SSH_KEY_VARIABLE)).filter(v -> !v.isBlank()).map(Path::of);
    }

    private Optional<String> token() {
        return TOKEN_VARIABLES.stream().map(environment::get).filter(v -> v != null && !v.isBlank()).findFirst();
    }

    static boolean isSsh(String url) {
        return url.startsWith("ssh://") || url.matches("^[^/:@\\s]+@[^/:\\s]+:.*");
    }

    static boolean isAzureDevOps(String url) {
        String host = url.toLowerCase(Locale.ROOT).replaceAll("^https?://([^/@]*@)?", "").replaceAll("[/:].*$", "");
        return host.equals("dev.azure.com") || host.endsWith(".visualstudio.com");
    }

    private synchronized SshdSessionFactory sshFactory() {
        if (ssh == null) {
            File sshDir = home.resolve(".ssh").toFile();
            knownHosts = Optional.ofNullable(environment.get(KNOWN_HOSTS_VARIABLE)).filter(v -> !v.isBlank())
                    .map(file -> new StrictKnownHosts(Path.of(file), KNOWN_HOSTS_VARIABLE))
                    .orElseGet(() -> new StrictKnownHosts(sshDir.toPath().resolve("known_hosts"), null));
            SshdSessionFactoryBuilder builder = new SshdSessionFactoryBuilder()
                    .setHomeDirectory(home.toFile()).setSshDirectory(sshDir)
                    .setServerKeyDatabase((h, d) -> knownHosts)
                    .setConfigStoreFactory((h, configFile, user) -> strict(new OpenSshConfigFile(h, configFile, user)));
            sshKey().ifPresent(key -> builder.setDefaultIdentities(dir -> List.of(key)));
            ssh = builder.build(null);
        }
        return ssh;
    }

    /** The user's ssh config, except that an unknown or changed host key is always refused (never asked or added). */
    private static SshConfigStore strict(SshConfigStore config) {
        return new SshConfigStore() {
            @Override
            public HostConfig lookup(String host, int port, String user) {
                return strict(config.lookup(host, port, user));
            }

            @Override
            public HostConfig lookupDefault(String host, int port, String user) {
                return strict(config.lookupDefault(host, port, user));
            }

            private HostConfig strict(HostConfig host) {
                return new HostConfig() {
                    @Override
                    public String getValue(String key) {
                        return key.equalsIgnoreCase("StrictHostKeyChecking") ? "yes" : host.getValue(key);
                    }

                    @Override
                    public List<String> getValues(String key) {
                        return host.getValues(key);
                    }

                    @Override
                    public Map<String, String> getOptions() {
                        Map<String, String> options = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                        options.putAll(host.getOptions());
                        options.put("StrictHostKeyChecking", "yes");
                        return options;
                    }

                    @Override
                    public Map<String, List<String>> getMultiValuedOptions() {
                        return host.getMultiValuedOptions();
                    }
                };
            }
        };
    }
}
