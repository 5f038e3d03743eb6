package io.aksflux.apply;

import io.aksflux.arm.ArmException;
import io.aksflux.arm.ArmGateway;
import io.aksflux.arm.ArmIds;
import io.aksflux.environment.Environment;
import io.aksflux.secret.SecretResolver;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Event Hub connection string the notification Provider reads under {@code address}: from the reference
 * {@code notifications.connectionString} names, else {@code listKeys} of the configured authorization rule.
 * Messages name the resource and the fields, never the value.
 */
final class NotificationAddress {
    private static final String FIELDS = "notifications.eventHub.{resourceGroup,namespace,name,authorizationRule}";

    private NotificationAddress() {
    }

    /** Reads the value once, on first use, and keeps it for this run only. */
    static Supplier<String> reader(Environment env, ArmGateway arm, SecretResolver secrets) {
        return new Supplier<>() {
            private String value;

            @Override
            public synchronized String get() {
                if (value == null) {
                    value = read(env, arm, secrets);
                }
                return value;
            }
        };
    }

    static String read(Environment env, ArmGateway arm, SecretResolver secrets) {
        var notifications = env.notifications();
        if (notifications.connectionString() != null) {
            return secrets.read("notifications.connectionString", notifications.connectionString());
        }
        Environment.EventHub hub = notifications.eventHub();
        List<String> missing = new ArrayList<>();
        if (hub.namespace() == null) {
            missing.add("notifications.eventHub.namespace");
        }
        if (hub.name() == null) {
            missing.add("notifications.eventHub.name");
        }
        if (hub.authorizationRule() == null) {
            missing.add("notifications.eventHub.authorizationRule");
        }
        if (!missing.isEmpty()) {
            throw new ProvisioningFailedException(env.file() + ": " + String.join(", ", missing) + " not set; the notification secret"
                    + " needs the Event Hub to read its connection string from, or notifications.connectionString as ${env:NAME} or ${keyvault:VAULT/SECRET}");
        }
        String rule = ArmIds.eventHubAuthorizationRule(env);
        try {
            String value = arm.post(rule + "/listKeys", ArmIds.EVENT_HUBS_API).path("primaryConnectionString").asText("");
            if (value.isEmpty()) {
                throw new ProvisioningFailedException("listKeys of Event Hub authorization rule " + describe(hub) + " returned no primaryConnectionString");
            }
            io.aksflux.secret.Redactor.shared().register(value);
            return value;
        } catch (ArmException e) {
            if (e.status() != 404) {
                throw e;
            }
            throw new ProvisioningFailedException("Event Hub authorization rule " + describe(hub) + " not found in resource group "
                    + hub.resourceGroup() + " of subscription " + env.azure().subscriptionId() + " (" + env.file() + ": " + FIELDS
                    + "); create it, correct these fields, or set notifications.connectionString. Azure: " + e.getMessage());
        }
    }

    private static String describe(Environment.EventHub hub) {
        return "'" + hub.authorizationRule() + "' of Event Hub '" + hub.name() + "' in namespace '" + hub.namespace() + "'";
    }
}
