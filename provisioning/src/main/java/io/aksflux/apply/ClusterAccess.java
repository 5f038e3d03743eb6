package io.aksflux.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.aksflux.arm.ArmGateway;

/**
 * How a managed cluster's API server is reached, from its {@code properties}: {@code aadProfile.managed} and
 * {@code enableAzureRBAC}, {@code disableLocalAccounts}, {@code apiServerAccessProfile.enablePrivateCluster} and
 * {@code disableRunCommand}. Run command sends a {@code clusterToken} when the cluster's Entra ID is AKS-managed.
 */
record ClusterAccess(boolean entraManaged, boolean azureRbac, boolean localAccountsDisabled, boolean privateCluster,
                     boolean runCommandDisabled) {

    static ClusterAccess of(JsonNode cluster) {
        JsonNode p = cluster.path("properties");
        JsonNode aad = p.path("aadProfile");
        JsonNode apiServer = p.path("apiServerAccessProfile");
        return new ClusterAccess(aad.path("managed").asBoolean(false), aad.path("enableAzureRBAC").asBoolean(false),
                p.path("disableLocalAccounts").asBoolean(false), apiServer.path("enablePrivateCluster").asBoolean(false),
                apiServer.path("disableRunCommand").asBoolean(false));
    }

    /** AKS refuses a command without a token here (it would fall back to a local account). */
    boolean needsClusterToken() {
        return entraManaged && localAccountsDisabled;
    }

    /** The progress line's words: {@code AKS-managed Entra ID with Azure RBAC, local accounts disabled, …}. */
    String describe() {
        return (entraManaged ? "AKS-managed Entra ID" + (azureRbac ? " with Azure RBAC" : " with Kubernetes RBAC") : "no AKS-managed Entra ID")
                + ", local accounts " + (localAccountsDisabled ? "disabled" : "enabled")
                + ", " + (privateCluster ? "private" : "public") + " API server"
                + ", run command " + (runCommandDisabled ? "disabled" : "enabled")
                + (entraManaged ? " (sends a clusterToken)" : "");
    }

    /** Why a command cannot be sent without a token, and how to give aksflux one. */
    static String noClusterToken(String cluster) {
        return "cluster " + cluster + " uses AKS-managed Entra ID with local accounts disabled (disableLocalAccounts: true), so run command"
                + " needs a clusterToken for the AKS server application " + ArmGateway.AKS_SERVER_APP + "; a pre-fetched AKSFLUX_ARM_TOKEN"
                + " cannot mint one: also set AKSFLUX_AKS_TOKEN (az account get-access-token --resource " + ArmGateway.AKS_SERVER_APP
                + "), or unset AKSFLUX_ARM_TOKEN to use the Azure credential";
    }
}
