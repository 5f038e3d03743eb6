package io.aksflux.emulator.resources;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.emulator.http.ArmRequest;
import io.aksflux.emulator.http.ArmResponse;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Resource provider registration per subscription: every provider is Registered unless a test says otherwise;
 * {@code register} makes it Registering for one operation's duration, then Registered.
 */
public final class ProviderRegistrations {
    private static final ApiVersions API = ApiVersions.of("Microsoft.Resources/providers",
            "2021-04-01", "2022-09-01", "2023-07-01", "2024-03-01", "2024-07-01", "2024-11-01", "2025-03-01", "2025-04-01");

    private record Registration(String state, Instant registeredAt) {
    }

    private final EmulatorClock clock;
    private final Map<String, Registration> registrations = new HashMap<>();

    public ProviderRegistrations(EmulatorClock clock) {
        this.clock = clock;
    }

    public void set(String subscriptionId, String namespace, String state) {
        registrations.put(key(subscriptionId, namespace), new Registration(state, null));
    }

    public ArmResponse get(ArmRequest request, String subscriptionId, String namespace) {
        API.require(request);
        return ArmResponse.ok(body(subscriptionId, namespace));
    }

    public ArmResponse register(ArmRequest request, String subscriptionId, String namespace) {
        API.require(request);
        if (!state(subscriptionId, namespace).equals("Registered")) {
            registrations.put(key(subscriptionId, namespace), new Registration("Registering", clock.now().plus(clock.lroDuration())));
        }
        return ArmResponse.ok(body(subscriptionId, namespace));
    }

    private ObjectNode body(String subscriptionId, String namespace) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("id", "/subscriptions/" + subscriptionId + "/providers/" + namespace);
        body.put("namespace", namespace);
        body.put("registrationState", state(subscriptionId, namespace));
        body.put("registrationPolicy", "RegistrationRequired");
        body.putArray("resourceTypes");
        return body;
    }

    private String state(String subscriptionId, String namespace) {
        Registration registration = registrations.get(key(subscriptionId, namespace));
        if (registration == null) {
            return "Registered";
        }
        if (registration.registeredAt() != null && !clock.now().isBefore(registration.registeredAt())) {
            return "Registered";
        }
        return registration.state();
    }

    private static String key(String subscriptionId, String namespace) {
        return (subscriptionId + "/" + namespace).toLowerCase(Locale.ROOT);
    }
}
