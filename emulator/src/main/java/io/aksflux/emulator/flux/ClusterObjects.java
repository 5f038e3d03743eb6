package io.aksflux.emulator.flux;

/**
 * The part of a cluster simulated Flux reads and changes: whether a ConfigMap or Secret exists (for
 * {@code postBuild.substituteFrom}), and the objects an applied AzureAppConfigurationProvider makes its
 * controller create.
 */
public interface ClusterObjects {
    boolean exists(String clusterId, String kind, String namespace, String name);

    /**
     * Flux applied an AzureAppConfigurationProvider: its controller creates the target ConfigMap (and Secret, when
     * {@code secretName} is not null) in {@code namespace}, owned by the provider.
     */
    void appConfigurationProvider(String clusterId, String namespace, String name, String configMapName, String secretName);

    /** A ConfigMap's data, for {@code postBuild.substituteFrom}; empty when the cluster holds none of that name. */
    default java.util.Map<String, String> configMapData(String clusterId, String namespace, String name) {
        return java.util.Map.of();
    }

    /** A cluster that holds nothing and where nothing runs. */
    ClusterObjects EMPTY = new ClusterObjects() {
        @Override
        public boolean exists(String clusterId, String kind, String namespace, String name) {
            return false;
        }

        @Override
        public void appConfigurationProvider(String clusterId, String namespace, String name, String configMapName, String secretName) {
        }
    };
}
