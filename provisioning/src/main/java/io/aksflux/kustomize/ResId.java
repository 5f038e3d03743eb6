package io.aksflux.kustomize;

import java.util.Set;

/**
 * A resource's identity in a kustomize build: group, version, kind, namespace and name. Two ids are the same when
 * all agree, the namespace compared as kustomize does: none means {@code default}, and cluster-scoped kinds have none.
 */
public record ResId(String group, String version, String kind, String namespace, String name) {
    /** Built-in cluster-scoped kinds (kustomize reads these from the Kubernetes schema; anything else is namespaced). */
    static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "Node", "PersistentVolume", "ClusterRole",
            "ClusterRoleBinding", "CustomResourceDefinition", "PriorityClass", "StorageClass", "CSIDriver", "CSINode",
            "VolumeAttachment", "IngressClass", "RuntimeClass", "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "APIService",
            "CertificateSigningRequest", "FlowSchema", "PriorityLevelConfiguration", "PodSecurityPolicy", "ComponentStatus");

    static ResId of(String apiVersion, String kind, String namespace, String name) {
        int slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion == null ? "" : apiVersion.substring(slash + 1);
        return new ResId(group, version, kind, namespace == null ? "" : namespace, name);
    }

    boolean namespaced() {
        return !CLUSTER_SCOPED.contains(kind);
    }

    String effectiveNamespace() {
        return !namespaced() ? "" : namespace.isEmpty() ? "default" : namespace;
    }

    /** The same object for kustomize. */
    boolean sameAs(ResId other) {
        return group.equals(other.group) && version.equals(other.version) && kind.equals(other.kind)
                && name.equals(other.name) && effectiveNamespace().equals(other.effectiveNamespace());
    }

    ResId withNamespace(String ns) {
        return namespaced() ? new ResId(group, version, kind, ns, name) : this;
    }

    ResId withName(String newName) {
        return new ResId(group, version, kind, namespace, newName);
    }

    /** As kustomize prints it: {@code GitRepository.v1.source.toolkit.fluxcd.io/services-repository.flux-config}. */
    @Override
    public String toString() {
        return kind + "." + version + "." + (group.isEmpty() ? "[noGrp]" : group) + "/" + name + "."
                + (namespace.isEmpty() ? "[noNs]" : namespace);
    }
}
