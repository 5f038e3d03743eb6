package io.aksflux.arm;

import io.aksflux.environment.Environment;

/** Ids and api-versions of the resources aksflux reads besides the ones it writes. */
public final class ArmIds {
    /** api-version of managed clusters (get, runCommand): the one the typed client of containerservice 2.56.1 sends. */
    public static final String MANAGED_CLUSTERS_API = "2025-09-01";
    /** api-version of the resource providers API. */
    public static final String PROVIDERS_API = "2021-04-01";

    /** api-version of Event Hub authorization rules ({@code listKeys}). */
    public static final String EVENT_HUBS_API = "2024-01-01";

    private ArmIds() {
    }

    public static String provider(Environment env, String namespace) {
        return "/subscriptions/" + env.azure().subscriptionId() + "/providers/" + namespace;
    }

    /** The authorization rule of the notifications' Event Hub; its resource group defaults to the cluster's. */
    public static String eventHubAuthorizationRule(Environment env) {
        Environment.EventHub hub = env.notifications().eventHub();
        return "/subscriptions/" + env.azure().subscriptionId() + "/resourceGroups/" + hub.resourceGroup()
                + "/providers/Microsoft.EventHub/namespaces/" + hub.namespace() + "/eventhubs/" + hub.name()
                + "/authorizationRules/" + hub.authorizationRule();
    }
}
