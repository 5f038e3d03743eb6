package io.aksflux.emulator;

/** A managed cluster to seed the emulator with; {@link #of} gives a healthy one (Succeeded, Running, SystemAssigned). */
public record ClusterSpec(String subscriptionId, String resourceGroup, String name, String provisioningState,
                          String powerState, String identityType, String kubernetesVersion, Access access) {

    /**
     * How the cluster's API server is reached: {@code aadProfile.managed}/{@code enableAzureRBAC},
     * {@code disableLocalAccounts}, {@code apiServerAccessProfile.enablePrivateCluster}/{@code disableRunCommand}.
     */
    public record Access(boolean entraManaged, boolean azureRbac, boolean localAccountsDisabled, boolean privateCluster,
                         boolean runCommandDisabled) {
        /** Local accounts, public API server, run command enabled: what AKS creates by default. */
        public static final Access OPEN = new Access(false, false, false, false, false);
        /** The reference platform's clusters: AKS-managed Entra ID with Azure RBAC, no local accounts, private, run command on. */
        public static final Access ENTRA_ONLY = new Access(true, true, true, true, false);

        public Access withRunCommandDisabled(boolean value) {
            return new Access(entraManaged, azureRbac, localAccountsDisabled, privateCluster, value);
        }
    }

    public ClusterSpec(String subscriptionId, String resourceGroup, String name, String provisioningState,
                       String powerState, String identityType, String kubernetesVersion) {
        this(subscriptionId, resourceGroup, name, provisioningState, powerState, identityType, kubernetesVersion, Access.OPEN);
    }

    public static ClusterSpec of(String subscriptionId, String resourceGroup, String name) {
        return new ClusterSpec(subscriptionId, resourceGroup, name, "Succeeded", "Running", "SystemAssigned", "1.31.2");
    }

    public ClusterSpec withProvisioningState(String value) {
        return new ClusterSpec(subscriptionId, resourceGroup, name, value, powerState, identityType, kubernetesVersion, access);
    }

    public ClusterSpec withPowerState(String value) {
        return new ClusterSpec(subscriptionId, resourceGroup, name, provisioningState, value, identityType, kubernetesVersion, access);
    }

    /** {@code None} for a cluster without a managed identity. */
    public ClusterSpec withIdentityType(String value) {
        return new ClusterSpec(subscriptionId, resourceGroup, name, provisioningState, powerState, value, kubernetesVersion, access);
    }

    public ClusterSpec withAccess(Access value) {
        return new ClusterSpec(subscriptionId, resourceGroup, name, provisioningState, powerState, identityType, kubernetesVersion, value);
    }

    public String id() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.ContainerService/managedClusters/" + name;
    }
}
