package io.aksflux.emulator;

import io.aksflux.emulator.http.ArmError;
import io.aksflux.emulator.http.ArmRequest;
import io.aksflux.emulator.http.ArmResponse;
import io.aksflux.emulator.resources.EventHubs;
import io.aksflux.emulator.resources.Extensions;
import io.aksflux.emulator.resources.FluxConfigurations;
import io.aksflux.emulator.resources.KubernetesConfigurationResources;
import io.aksflux.emulator.resources.ManagedClusters;
import io.aksflux.emulator.resources.ProviderRegistrations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ARM's front door: authentication, injected faults, the subscription's read budget, then the route to the resource kind that owns the path.
 * One request at a time (the state is plain Java objects), each recorded for tests.
 */
final class ArmService {
    private final Faults faults;
    private final ProviderRegistrations providers;
    private final ManagedClusters clusters;
    private final Extensions extensions;
    private final FluxConfigurations fluxConfigurations;
    private final EventHubs eventHubs;
    private final List<RecordedRequest> recorded = new ArrayList<>();
    private final ReadBudget reads;
    private final java.util.function.Supplier<java.time.Instant> clock;

    ArmService(Faults faults, ProviderRegistrations providers, ManagedClusters clusters, Extensions extensions,
               FluxConfigurations fluxConfigurations, EventHubs eventHubs, ReadBudget reads, java.util.function.Supplier<java.time.Instant> clock) {
        this.reads = reads;
        this.clock = clock;
        this.faults = faults;
        this.providers = providers;
        this.clusters = clusters;
        this.extensions = extensions;
        this.fluxConfigurations = fluxConfigurations;
        this.eventHubs = eventHubs;
    }

    /** The emulator's own path, outside ARM's: how many requests it has answered, for benchmarks; never recorded itself. */
    static final String REQUEST_COUNTS = "/aksflux-emulator/requests";

    synchronized ArmResponse handle(ArmRequest request) {
        if (request.method().equals("GET") && request.path().equals(REQUEST_COUNTS)) {
            return ArmResponse.ok(RequestCounts.of(recorded));
        }
        ArmResponse response;
        try {
            response = answer(request);
        } catch (ArmError e) {
            response = e.response();
        }
        recorded.add(new RecordedRequest(request.method(), request.path(), request.apiVersion(), request.query(),
                jsonOrNull(request), response.status(), response.dropped(), clock.get()));
        return response;
    }

    synchronized List<RecordedRequest> recorded() {
        return List.copyOf(recorded);
    }

    /** Brings every resource's lifecycle up to the clock: operations that have run their time end. */
    synchronized void settle() {
        extensions.settle();
        fluxConfigurations.settle();
    }

    private ArmResponse answer(ArmRequest request) {
        if (!request.hasBearerToken()) {
            return ArmResponse.error(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.")
                    .withHeader("WWW-Authenticate", "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", "
                            + "error=\"invalid_token\", error_description=\"The authentication failed because of missing 'Authorization' header.\"");
        }
        var fault = faults.intercept(request).or(() -> reads.spend(request));
        if (fault.isPresent()) {
            return fault.get();
        }
        settle();
        return reads.counted(request, faults.paced(faults.afterPut(request, route(request, request.segments()))));
    }

    private ArmResponse route(ArmRequest request, List<String> s) {
        if (s.size() >= 4 && is(s, 0, "subscriptions") && is(s, 2, "providers")) {
            if (s.size() == 4 && request.method().equals("GET")) {
                return providers.get(request, s.get(1), s.get(3));
            }
            if (s.size() == 5 && is(s, 4, "register") && request.method().equals("POST")) {
                return providers.register(request, s.get(1), s.get(3));
            }
        }
        if (s.size() >= 8 && is(s, 0, "subscriptions") && is(s, 2, "resourceGroups") && is(s, 4, "providers")) {
            if (is(s, 5, "Microsoft.ContainerService") && is(s, 6, "managedClusters")) {
                return cluster(request, s);
            }
            if (s.size() == 13 && is(s, 5, "Microsoft.EventHub") && is(s, 6, "namespaces") && is(s, 8, "eventhubs")
                    && is(s, 10, "authorizationRules") && is(s, 12, "listKeys") && request.method().equals("POST")) {
                return eventHubs.listKeys(request, s.get(1), s.get(3), s.get(7), s.get(9), s.get(11));
            }
        }
        throw notServed(request);
    }

    private ArmResponse cluster(ArmRequest request, List<String> s) {
        String clusterId = "/" + String.join("/", s.subList(0, 8));
        if (s.size() == 8 && request.method().equals("GET")) {
            return clusters.get(request, clusterId);
        }
        if (s.size() == 9 && is(s, 8, "runCommand") && request.method().equals("POST")) {
            return clusters.runCommand(request, clusterId);
        }
        if (s.size() == 10 && is(s, 8, "commandResults") && request.method().equals("GET")) {
            return clusters.commandResult(request, clusterId, s.get(9));
        }
        if ((s.size() == 12 || s.size() == 14) && is(s, 8, "providers") && is(s, 9, "Microsoft.KubernetesConfiguration")) {
            KubernetesConfigurationResources kind = is(s, 10, "extensions") ? extensions
                    : is(s, 10, "fluxConfigurations") ? fluxConfigurations : null;
            if (kind != null) {
                String subscription = s.get(1);
                String resourceGroup = s.get(3);
                clusters.requireParent(clusterId, subscription, resourceGroup,
                        clusters.hasResourceGroup(subscription, resourceGroup) || eventHubs.hasResourceGroup(subscription, resourceGroup));
                if (s.size() == 12) {
                    return kind.handle(request, clusterId, s.get(11));
                }
                if (request.method().equals("GET") && (is(s, 12, "operations") || is(s, 12, "operationResults"))) {
                    return kind.operation(request, clusterId, s.get(11), s.get(13), is(s, 12, "operationResults"));
                }
            }
        }
        throw notServed(request);
    }

    private static ArmError notServed(ArmRequest request) {
        return ArmError.badRequest("InvalidResourceType", "The aksflux ARM emulator does not serve " + request.method() + " " + request.path()
                + "; it serves resource providers, managed clusters (get, runCommand), extensions, fluxConfigurations and "
                + "Event Hub authorization rule listKeys.");
    }

    private static boolean is(List<String> segments, int index, String expected) {
        return segments.get(index).toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT));
    }

    private static com.fasterxml.jackson.databind.JsonNode jsonOrNull(ArmRequest request) {
        try {
            return request.json().orElse(null);
        } catch (ArmError e) {
            return null;
        }
    }
}
