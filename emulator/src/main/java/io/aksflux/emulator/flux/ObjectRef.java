package io.aksflux.emulator.flux;

/** A namespaced Kubernetes object by namespace and name, as Flux's references and the API's {@code appliedBy} name it. */
public record ObjectRef(String namespace, String name) {
    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
