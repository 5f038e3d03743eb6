package io.aksflux.azure;

import com.azure.core.credential.TokenCredential;
import io.aksflux.emulator.ArmEmulator;
import io.aksflux.error.UsageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When Azure access is not set up, the first request fails at once (one attempt, no retry loop) saying what to set. */
class ArmAccessErrorsTest {
    private static final String CLUSTER = "subscriptions/00000000-0000-0000-0000-000000000004/resourceGroups/rg/providers/"
            + "Microsoft.ContainerService/managedClusters/c";
    private final ArmEmulator emulator = ArmEmulator.start();

    @TempDir
    Path emptyPath;

    @AfterEach
    void stop() {
        emulator.close();
    }

    /** Counts how often the gateway asks the credential for a token. */
    private static TokenCredential counting(TokenCredential credential, AtomicInteger asked) {
        return request -> {
            asked.incrementAndGet();
            return credential.getToken(request);
        };
    }

    @Test
    void with_no_credential_set_up_the_first_request_fails_at_once_listing_what_to_set() {
        AtomicInteger probes = new AtomicInteger();
        AtomicInteger asked = new AtomicInteger();
        TokenCredential none = ArmCredentials.resolve(Map.of("PATH", emptyPath.toString()), () -> probes.incrementAndGet() < 0);
        AzureArmGateway arm = new AzureArmGateway(ArmConnection.from(emulator.endpoint(), emulator.caFile(), Map.of())
                .withRetryBaseDelay(Duration.ofSeconds(30)), counting(none, asked));

        assertThatThrownBy(() -> arm.get(CLUSTER, "2025-05-01"))
                .isInstanceOf(ArmCredentials.NoCredentialException.class)
                .hasMessageStartingWith("no Azure credential is set up: run `az login`")
                .hasMessageContaining("AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_FEDERATED_TOKEN_FILE")
                .hasMessageContaining("AKSFLUX_ARM_TOKEN");
        assertThat(asked).hasValue(1);
        assertThat(probes).hasValue(1);
        assertThat(emulator.requests()).isEmpty();
    }

    @Test
    void a_managed_identity_endpoint_in_the_environment_needs_no_probe() {
        AtomicInteger probes = new AtomicInteger();

        ArmCredentials.resolve(Map.of("PATH", emptyPath.toString(), "IDENTITY_ENDPOINT", "http://127.0.0.1:1/token"),
                () -> probes.incrementAndGet() < 0);

        assertThat(probes).hasValue(0);
    }

    @Test
    void an_untrusted_certificate_is_named_with_the_option_that_trusts_it_without_retrying() {
        // a retry would wait at least the 30 s base delay; the error comes well before one could happen
        AzureArmGateway arm = new AzureArmGateway(ArmConnection.from(emulator.endpoint(), null, Map.of())
                .withRetryBaseDelay(Duration.ofSeconds(30)), ArmCredentials.resolve(Map.of("AKSFLUX_ARM_TOKEN", "t")));
        long start = System.nanoTime();

        assertThatThrownBy(() -> arm.get(CLUSTER, "2025-05-01"))
                .isInstanceOf(AzureArmGateway.ArmUnreachableException.class)
                .hasMessage("cannot reach Azure Resource Manager: GET " + emulator.endpoint() + "/" + CLUSTER
                        + ": the server's certificate at " + emulator.endpoint()
                        + " is not trusted; for the emulator pass --ca-file FILE or set AKSFLUX_CA_FILE to the CA certificate "
                        + "`aksflux emulator` prints (a TLS-inspecting proxy's CA likewise)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void a_malformed_endpoint_is_refused_with_the_allowed_form() {
        assertThatThrownBy(() -> ArmConnection.from("management.azure.com", null, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("--arm-endpoint 'management.azure.com' is not an ARM endpoint: expected https://HOST[:PORT], e.g. "
                        + "https://management.azure.com, https://management.usgovcloudapi.net or the emulator's https://127.0.0.1:PORT");
        assertThatThrownBy(() -> ArmConnection.from(null, null, Map.of("AKSFLUX_ARM_ENDPOINT", "http://127.0.0.1:8443")))
                .hasMessageStartingWith("AKSFLUX_ARM_ENDPOINT 'http://127.0.0.1:8443' is not an ARM endpoint")
                .hasMessageEndingWith("(plain http is refused: the bearer token would travel in clear)");
        assertThat(ArmConnection.from("https://127.0.0.1:8443/", null, Map.of()).endpoint().toString()).isEqualTo("https://127.0.0.1:8443");
    }
}
