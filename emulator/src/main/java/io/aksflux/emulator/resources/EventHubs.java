package io.aksflux.emulator.resources;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.emulator.http.ArmRequest;
import io.aksflux.emulator.http.ArmResponse;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Event Hub authorization rules with generated keys; {@code listKeys} answers as the Event Hubs provider does. */
public final class EventHubs {
    private static final ApiVersions API = ApiVersions.of("Microsoft.EventHub/authorizationRules",
            "2021-11-01", "2022-01-01-preview", "2022-10-01-preview", "2024-01-01", "2024-05-01-preview");
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Rule(String namespace, String hub, String name, String primaryKey, String secondaryKey) {
        String connectionString(String key) {
            return "Endpoint=sb://" + namespace + ".servicebus.windows.net/;SharedAccessKeyName=" + name + ";SharedAccessKey=" + key
                    + ";EntityPath=" + hub;
        }
    }

    private final Map<String, Rule> rules = new HashMap<>();
    private final Set<String> resourceGroups = new HashSet<>();

    public void add(String subscriptionId, String resourceGroup, String namespace, String hub, String rule) {
        rules.put(key(subscriptionId, resourceGroup, namespace, hub, rule), new Rule(namespace, hub, rule, newKey(), newKey()));
        resourceGroups.add((subscriptionId + "/" + resourceGroup).toLowerCase(Locale.ROOT));
    }

    public boolean hasResourceGroup(String subscriptionId, String resourceGroup) {
        return resourceGroups.contains((subscriptionId + "/" + resourceGroup).toLowerCase(Locale.ROOT));
    }

    public ArmResponse listKeys(ArmRequest request, String subscriptionId, String resourceGroup, String namespace, String hub, String rule) {
        API.require(request);
        Rule found = rules.get(key(subscriptionId, resourceGroup, namespace, hub, rule));
        if (found == null) {
            throw NotFound.resource("Microsoft.EventHub/namespaces/" + namespace + "/eventhubs/" + hub + "/authorizationRules/" + rule, resourceGroup);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("primaryConnectionString", found.connectionString(found.primaryKey()));
        body.put("secondaryConnectionString", found.connectionString(found.secondaryKey()));
        body.put("primaryKey", found.primaryKey());
        body.put("secondaryKey", found.secondaryKey());
        body.put("keyName", found.name());
        return ArmResponse.ok(body);
    }

    private static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String key(String... parts) {
        return String.join("/", parts).toLowerCase(Locale.ROOT);
    }
}
