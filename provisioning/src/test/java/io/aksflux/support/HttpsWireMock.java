package io.aksflux.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

/**
 * An HTTPS-only WireMock with a self-signed localhost certificate, for a test class: started once
 * ({@code @RegisterExtension static final HttpsWireMock https = new HttpsWireMock();}), its stubs and journal reset
 * before each test, stopped after the last.
 */
public final class HttpsWireMock implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    /** The challenge Key Vault answers a request without a token with: where to get one and for what. */
    public static final String KEY_VAULT_CHALLENGE = "Bearer authorization=\"https://login.microsoftonline.com/"
            + "00000000-0000-0000-0000-000000000001\", resource=\"https://vault.azure.net\"";
    private Path folder;
    private TestCertificate certificate;
    private WireMockServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        folder = Files.createTempDirectory("aksflux-https-");
        certificate = TestCertificate.create(folder);
        server = certificate.startHttpsServer();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.resetAll();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        server.stop();
        try (var files = Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    public WireMockServer server() {
        return server;
    }

    /** {@code https://localhost:PORT}. */
    public String url() {
        return "https://localhost:" + server.httpsPort();
    }

    /** The server's certificate, to trust it. */
    public Path ca() {
        return certificate.pem();
    }

    /** Another self-signed certificate, which does not vouch for this server. */
    public Path otherCa() {
        try {
            return TestCertificate.create(Files.createTempDirectory(folder, "other-ca-")).pem();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request without a token is answered 401 with {@link #KEY_VAULT_CHALLENGE}, as a vault answers it first. */
    public void challengeAsKeyVault() {
        server.stubFor(any(anyUrl()).atPriority(10).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", KEY_VAULT_CHALLENGE)));
    }
}
