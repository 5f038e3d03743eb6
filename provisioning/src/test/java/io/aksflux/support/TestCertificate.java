package io.aksflux.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A self-signed localhost certificate made with the JDK's keytool, for HTTPS test servers. */
public record TestCertificate(Path keystore, String password, Path pem) {

    public static TestCertificate create(Path dir) {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path keystore = dir.resolve("localhost.p12");
        Path pem = dir.resolve("localhost.pem");
        String password = "test-only-password";
        run(List.of(keytool.toString(), "-genkeypair", "-alias", "localhost", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password, "-keypass", password));
        run(List.of(keytool.toString(), "-exportcert", "-rfc", "-alias", "localhost", "-keystore", keystore.toString(),
                "-storepass", password, "-file", pem.toString()));
        return new TestCertificate(keystore, password, pem);
    }

    /** An HTTPS-only WireMock on a free port serving this certificate, started. */
    public com.github.tomakehurst.wiremock.WireMockServer startHttpsServer() {
        var server = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().dynamicHttpsPort().httpDisabled(true)
                        .keystorePath(keystore.toString()).keystoreType("PKCS12").keystorePassword(password).keyManagerPassword(password));
        server.start();
        return server;
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("keytool failed: " + output);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (!Files.exists(Path.of(command.get(command.indexOf("-keystore") + 1)))) {
            throw new AssertionError("keytool made no keystore");
        }
    }
}
