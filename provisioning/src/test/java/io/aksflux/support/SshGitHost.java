package io.aksflux.support;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.eclipse.jgit.junit.ssh.SshTestGitServer;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An SSH Git host on 127.0.0.1 in this JVM: JGit's {@link SshTestGitServer} (Apache MINA SSHD, upload-pack and
 * receive-pack, public-key authentication only) per bare repository, each on its own free port, all with one host key.
 * Keys are generated per test; known_hosts files are written on request. Nothing reads the user's {@code ~/.ssh}.
 */
public final class SshGitHost implements AutoCloseable {
    public static final String USER = "git";
    private final KeyPair hostKey = generate();
    private final KeyPair clientKey = generate();
    private final Map<Path, Integer> ports = new LinkedHashMap<>();
    private final List<SshTestGitServer> servers = new ArrayList<>();
    private final List<Repository> repositories = new ArrayList<>();

    /** Serves each bare repository, accepting only {@link #USER} with the client key. */
    public SshGitHost(Path... bareRepositories) {
        try {
            for (Path bare : bareRepositories) {
                Repository repository = new FileRepositoryBuilder().setGitDir(bare.toFile()).setMustExist(true).build();
                repositories.add(repository);
                SshTestGitServer server = new LoopbackServer(repository);
                servers.add(server);
                ports.put(bare, server.start());
            }
        } catch (IOException e) {
            close();
            throw new AssertionError(e);
        }
    }

    public String url(Path bare) {
        return "ssh://" + USER + "@127.0.0.1:" + ports.get(bare) + "/" + bare.getFileName();
    }

    public int port(Path bare) {
        return ports.get(bare);
    }

    /** {@code [127.0.0.1]:PORT}, as known_hosts names a host on a non-standard port. */
    public String knownHostsName(Path bare) {
        return "[127.0.0.1]:" + ports.get(bare);
    }

    /** The client's private key in OpenSSH format, readable by its owner only. */
    public Path writeClientKey(Path file) {
        return writePrivateKey(clientKey, file);
    }

    /** A private key the server does not accept. */
    public static Path writeStrangerKey(Path file) {
        return writePrivateKey(generate(), file);
    }

    /** A known_hosts file listing the host key for every served repository. */
    public Path writeKnownHosts(Path file) {
        return writeKnownHosts(file, hostKey);
    }

    /** A known_hosts file listing every served repository's host with some other key: the host key "changed". */
    public Path writeKnownHostsWithOtherKey(Path file) {
        return writeKnownHosts(file, generate());
    }

    private Path writeKnownHosts(Path file, KeyPair key) {
        StringBuilder lines = new StringBuilder();
        ports.keySet().forEach(bare -> lines.append(knownHostsName(bare)).append(' ')
                .append(PublicKeyEntry.toString(key.getPublic())).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, lines);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Path writePrivateKey(KeyPair key, Path file) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "aksflux-test", null, out);
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        for (SshTestGitServer server : servers) {
            try {
                server.stop();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        repositories.forEach(Repository::close);
    }

    /** Listens on the loopback interface only, on a port the system picks. */
    private final class LoopbackServer extends SshTestGitServer {
        LoopbackServer(Repository repository) {
            super(USER, clientKey.getPublic(), repository, hostKey);
            server.setHost("127.0.0.1");
        }
    }
}
