package io.aksflux.git;

import org.eclipse.jgit.internal.transport.sshd.OpenSshServerKeyDatabase;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one known_hosts file SSH host keys are checked against (OpenSSH format, via JGit), strictly: a host not listed,
 * or listed with another key, is refused, never asked about or added. It remembers what it refused, so the error
 * can name the host and the file and say how to fix it.
 */
final class StrictKnownHosts implements ServerKeyDatabase {
    private final Path file;
    private final String variable;
    private final ServerKeyDatabase known;
    /** Refused host, as known_hosts names it ({@code host} or {@code [host]:port}) → listed there with another key. */
    private final Map<String, Boolean> refused = new ConcurrentHashMap<>();

    /** {@code variable} is the environment variable that named {@code file}, null for the default file. */
    StrictKnownHosts(Path file, String variable) {
        this.file = file;
        this.variable = variable;
        this.known = new OpenSshServerKeyDatabase(false, List.of(file));
    }

    @Override
    public List<PublicKey> lookup(String host, InetSocketAddress remote, Configuration config) {
        return known.lookup(host, remote, config);
    }

    @Override
    public boolean accept(String host, InetSocketAddress remote, PublicKey key, Configuration config, CredentialsProvider provider) {
        boolean accepted = known.accept(host, remote, key, config, provider);
        if (accepted) {
            refused.remove(host);
        } else {
            refused.put(host, !known.lookup(host, remote, config).isEmpty());
        }
        return accepted;
    }

    /** Why the host of {@code url} was refused and how to add it; empty when its host key was not the problem. */
    Optional<String> refusal(String url) {
        URIish uri;
        try {
            uri = new URIish(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        boolean defaultPort = uri.getPort() <= 0 || uri.getPort() == 22;
        String name = defaultPort ? uri.getHost() : "[" + uri.getHost() + "]:" + uri.getPort();
        String scan = "ssh-keyscan " + (defaultPort ? "" : "-p " + uri.getPort() + " ") + uri.getHost() + " >> " + file;
        String where = file + (variable == null ? " (set " + GitCredentials.KNOWN_HOSTS_VARIABLE + " to use another file)" : " (" + variable + ")");
        return Optional.ofNullable(refused.get(name)).map(changed -> changed
                ? "the host key of " + name + " does not match the one listed in " + where + ": the host's key was changed, or"
                        + " someone is intercepting the connection. If the change is expected, replace the entry: ssh-keygen -R '"
                        + name + "' -f " + file + ", then " + scan
                : "the host key of " + name + " is not listed in " + where + ", and unknown hosts are refused. Check the"
                        + " host's key fingerprint with its owners, then add it: " + scan);
    }
}
