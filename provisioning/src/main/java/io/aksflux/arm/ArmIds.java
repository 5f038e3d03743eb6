package io.aksflux.arm;

import io.aksflux.environment.Environment;

/** Ids and api-versions of the resources aksflux reads besides the ones it writes. */
public final class ArmIds {
    /** api-version used to read managed clusters. */
    public static final String MANAGED_CLUSTERS_API = "2024-10-01";
    /** api-version of the resource providers API. */
    public static final String PROVIDERS_API = "2021-04-01";

    private ArmIds() {
    }

    public static String provider(Environment env, String namespace) {
        return "/subscriptions/" + env.azure().subscriptionId() + "/providers/" + namespace;
    }
}
