package io.aksflux.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.aksflux.arm.ArmException;
import io.aksflux.emulator.ClusterSpec;
import io.aksflux.support.EmulatedAzure;
import io.aksflux.support.SimulatedTicker;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where run command's {@code clusterToken} comes from, and that it stays out of every message. */
class ClusterTokenTest {
    private static final String AKS_SCOPE = "6dae42f8-4368-4678-94ff-3960e28e3630/.default";
    private final TokenCredential arm = request -> Mono.just(new AccessToken("arm", OffsetDateTime.now().plusHours(1)));

    @Test
    void the_azure_credential_is_asked_once_for_the_aks_server_application_scope() {
        List<List<String>> asked = new ArrayList<>();
        TokenCredential credential = request -> {
            asked.add(request.getScopes());
            return Mono.just(new AccessToken("entra-" + request.getScopes().get(0), OffsetDateTime.now().plusHours(1)));
        };
        AzureArmGateway gateway = new AzureArmGateway(ArmConnection.from("https://localhost:1", null, Map.of()), credential,
                ArmCredentials.forAksServer(Map.of(), credential));

        assertThat(gateway.clusterToken()).contains("entra-" + AKS_SCOPE);
        assertThat(gateway.clusterToken()).contains("entra-" + AKS_SCOPE);
        assertThat(asked).containsExactly(List.of(AKS_SCOPE));
    }

    @Test
    void a_prefetched_arm_token_gives_no_cluster_token_unless_aksflux_aks_token_is_set() {
        Optional<TokenCredential> armOnly = ArmCredentials.forAksServer(Map.of("AKSFLUX_ARM_TOKEN", "arm"), arm);
        Optional<TokenCredential> both = ArmCredentials.forAksServer(Map.of("AKSFLUX_ARM_TOKEN", "arm", "AKSFLUX_AKS_TOKEN", "aks"), arm);
        Optional<TokenCredential> azure = ArmCredentials.forAksServer(Map.of(), arm);

        assertThat(armOnly).isEmpty();
        assertThat(both).hasValueSatisfying(c ->
                assertThat(c.getTokenSync(new TokenRequestContext().addScopes(AKS_SCOPE)).getToken()).isEqualTo("aks"));
        assertThat(azure).containsSame(arm);
    }

    @Test
    void a_credential_that_cannot_mint_the_token_fails_naming_the_application() {
        TokenCredential refusing = request -> Mono.error(new IllegalStateException("AADSTS65001: consent required"));
        AzureArmGateway gateway = new AzureArmGateway(ArmConnection.from("https://localhost:1", null, Map.of()), arm, Optional.of(refusing));

        assertThatThrownBy(gateway::clusterToken).isInstanceOf(AzureArmGateway.ClusterTokenUnavailableException.class)
                .hasMessageContaining("AKS server application 6dae42f8-4368-4678-94ff-3960e28e3630").hasMessageContaining("AADSTS65001");
    }

    @Test
    void aks_refusing_a_command_with_a_token_names_the_cause_and_not_the_token() {
        SimulatedTicker ticker = new SimulatedTicker();
        String token = "aks-token-never-shown";
        try (EmulatedAzure azure = new EmulatedAzure(ticker, Duration.ofSeconds(30), Duration.ofSeconds(45))) {
            ClusterSpec cluster = ClusterSpec.of("00000000-0000-0000-0000-000000000009", "rg", "aks")
                    .withAccess(ClusterSpec.Access.ENTRA_ONLY.withRunCommandDisabled(true));
            azure.emulator.addCluster(cluster);
            AzureArmGateway gateway = new AzureArmGateway(azure.connection(), arm, Optional.of(ArmCredentials.token(token)));

            assertThatThrownBy(() -> gateway.post(cluster.id() + "/runCommand", io.aksflux.arm.ArmIds.MANAGED_CLUSTERS_API,
                    JsonNodeFactory.instance.objectNode().put("command", "kubectl get ns").put("clusterToken", gateway.clusterToken().orElseThrow())))
                    .isInstanceOf(ArmException.class)
                    .hasMessageContaining("disableRunCommand")
                    .satisfies(e -> assertThat(String.valueOf(e) + e.getCause()).doesNotContain(token));
        }
    }
}
