package io.aksflux.apply;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What preflight reports of a cluster's access, and when run command needs a clusterToken. */
class ClusterAccessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void an_entra_only_private_cluster_needs_a_cluster_token_and_says_so() throws Exception {
        // aadProfile as AKS's ManagedClustersCreate_UpdateWithEnableAzureRBAC example reports it
        ClusterAccess access = ClusterAccess.of(JSON.readTree("""
                {"properties": {"aadProfile": {"managed": true, "adminGroupObjectIDs": null, "enableAzureRBAC": true,
                  "tenantID": "00000000-0000-0000-0000-000000000000"}, "disableLocalAccounts": true,
                  "apiServerAccessProfile": {"enablePrivateCluster": true, "disableRunCommand": false}}}"""));

        assertThat(access.needsClusterToken()).isTrue();
        assertThat(access.describe()).isEqualTo("AKS-managed Entra ID with Azure RBAC, local accounts disabled, private API server,"
                + " run command enabled (sends a clusterToken)");
    }

    @Test
    void a_cluster_without_these_properties_is_open_and_needs_no_token() throws Exception {
        ClusterAccess access = ClusterAccess.of(JSON.readTree("{\"properties\": {\"provisioningState\": \"Succeeded\"}}"));

        assertThat(access.needsClusterToken()).isFalse();
        assertThat(access.describe()).isEqualTo("no AKS-managed Entra ID, local accounts enabled, public API server, run command enabled");
    }

    @Test
    void entra_with_local_accounts_still_enabled_sends_a_token_when_it_can_but_does_not_need_one() throws Exception {
        ClusterAccess access = ClusterAccess.of(JSON.readTree("""
                {"properties": {"aadProfile": {"managed": true, "enableAzureRBAC": false}, "disableLocalAccounts": false,
                  "apiServerAccessProfile": {"disableRunCommand": true}}}"""));

        assertThat(access.entraManaged()).isTrue();
        assertThat(access.needsClusterToken()).isFalse();
        assertThat(access.describe()).isEqualTo("AKS-managed Entra ID with Kubernetes RBAC, local accounts enabled, public API server,"
                + " run command disabled (sends a clusterToken)");
    }
}
