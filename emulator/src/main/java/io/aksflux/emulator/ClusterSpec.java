package io.aksflux.emulator;

/** A managed cluster to seed the emulator with; {@link #of} gives a healthy one (Succeeded, Running, SystemAssigned). */
public record ClusterSpec(String subscriptionId, String resourceGroup, String name, String provisioningState,
                          String powerState, String identityType, String kubernetesVersion) {

    public static ClusterSpec of(String subscriptionId, String resourceGroup, String name) {
        return new ClusterSpec(subscriptionId, resourceGroup, name, "Succeeded", "Running", "SystemAssigned", "1.31.2");
    }

    public ClusterSpec withProvisioningState(String value) {
        return new ClusterSpec(subscriptionId, resourceGroup, name, value, powerState, identityType, kubernetesVersion);
    }

    public ClusterSpec withPowerState(String value) {
        return new ClusterSpec(subscriptionId, resourceGroup, name, provisioningState, value, identityType, kubernetesVersion);
    }

    /** {@code None} for a cluster without a managed identity. */
    public ClusterSpec withIdentityType(String value) {
        return new ClusterSpec(subscriptionId, resourceGroup, name, provisioningState, powerState, value, kubernetesVersion);
    }

    public String id() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.ContainerService/managedClusters/" + name;
    }
}
