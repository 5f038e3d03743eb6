package io.aksflux.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

/** A plain JDK HTTP client that trusts only the emulator's CA, as any other client of it would. */
final class ArmClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String errorCode() {
            return body.path("error").path("code").asText();
        }

        String errorMessage() {
            return body.path("error").path("message").asText();
        }
    }

    private final ArmEmulator emulator;
    private final HttpClient http;

    ArmClient(ArmEmulator emulator) throws Exception {
        this.emulator = emulator;
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(emulator.caFile())) {
            trust.setCertificateEntry("emulator", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, factory.getTrustManagers(), null);
        this.http = HttpClient.newBuilder().sslContext(tls).build();
    }

    Reply get(String pathAndQuery) {
        return send("GET", pathAndQuery, null, true);
    }

    Reply put(String pathAndQuery, String body) {
        return send("PUT", pathAndQuery, body, true);
    }

    Reply post(String pathAndQuery, String body) {
        return send("POST", pathAndQuery, body, true);
    }

    Reply delete(String pathAndQuery) {
        return send("DELETE", pathAndQuery, null, true);
    }

    /** Follows an absolute URL the emulator handed out (Azure-AsyncOperation, Location). */
    Reply getUrl(String url) {
        return send("GET", url.substring(emulator.endpoint().length()), null, true);
    }

    Reply send(String method, String pathAndQuery, String body, boolean withToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.endpoint() + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (withToken) {
            request.header("Authorization", "Bearer emulator-test-token");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new AssertionError(method + " " + pathAndQuery + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
