package io.aksflux.apply;

import io.aksflux.arm.ArmGateway;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resource providers already seen Registered, per ARM gateway (one per process) and subscription: the environments
 * of an estate applied side by side check a subscription's providers once, not once each. Only Registered is
 * remembered, or {@link #proven} by a resource of it that exists; a provider found otherwise is looked at again by the
 * next environment. Environments checking the same
 * provider at once wait for the first one's answer instead of each reading it.
 */
final class RegisteredProviders {
    private static final Map<ArmGateway, RegisteredProviders> BY_GATEWAY = new WeakHashMap<>();

    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final Map<String, Object> checking = new ConcurrentHashMap<>();

    /** The providers known Registered through {@code arm}, shared by every run over it. */
    static RegisteredProviders of(ArmGateway arm) {
        synchronized (BY_GATEWAY) {
            return BY_GATEWAY.computeIfAbsent(arm, a -> new RegisteredProviders());
        }
    }

    /** Runs {@code check} (which returns once the provider is Registered, or throws) unless it already passed. */
    void ensure(String subscriptionId, String namespace, Runnable check) {
        String key = key(subscriptionId, namespace);
        if (registered.contains(key)) {
            return;
        }
        synchronized (checking.computeIfAbsent(key, k -> new Object())) {
            if (!registered.contains(key)) {
                check.run();
                registered.add(key);
            }
        }
    }

    /**
     * A provider ARM has shown Registered without being asked: a resource of it exists. ARM refuses to unregister a
     * provider while resources of it exist, and answers no read of a resource under an unregistered one.
     */
    void proven(String subscriptionId, String namespace) {
        registered.add(key(subscriptionId, namespace));
    }

    private static String key(String subscriptionId, String namespace) {
        return (subscriptionId + "/" + namespace).toLowerCase(Locale.ROOT);
    }
}
