package io.aksflux.desired;

/** A Kubernetes object aksflux puts in the cluster itself (not through Git); its data never leaves the engine. */
public record ClusterObject(String kind, String namespace, String name) {
}
