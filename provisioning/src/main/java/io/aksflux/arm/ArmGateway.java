package io.aksflux.arm;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * The engine's view of Azure Resource Manager: whole-resource reads and writes by id. Writes start a
 * long-running operation the caller polls at its own pace (so waits use the injected clock and can report
 * progress). Implementations retry throttling and transient failures; conflicts surface as
 * {@link ArmException} with status 409 for the caller's own bounded retry.
 */
public interface ArmGateway {

    /** The resource, or empty on 404. */
    Optional<JsonNode> get(String id, String apiVersion);

    /**
     * The resource as this run last read it, when nothing has been written through ARM since; else read now. What
     * decides once (a plan, a guard, a first look) asks this; a poll that waits for a change asks {@link #get}. A
     * gateway that remembers nothing reads every time.
     */
    default Optional<JsonNode> latest(String id, String apiVersion) {
        return get(id, apiVersion);
    }

    /** PUT of the whole body; the returned operation tells when ARM has finished. */
    ArmOperation put(String id, String apiVersion, JsonNode body);

    /** DELETE; {@code force} sends {@code forceDelete=true}. Empty when there was nothing to delete. */
    Optional<ArmOperation> delete(String id, String apiVersion, boolean force);

    /** POST to an action such as {@code /register}; returns the response body (may be empty). */
    JsonNode post(String id, String apiVersion);

    /**
     * POST to an action that takes a body and may run long ({@code runCommand}): a 202 is polled at the caller's
     * pace and the final status carries the action's result body.
     */
    ArmOperation post(String id, String apiVersion, JsonNode body);

    /**
     * An Entra token for the AKS server application ({@link #AKS_SERVER_APP}), sent as {@code runCommand}'s
     * {@code clusterToken} on clusters with AKS-managed Entra ID; empty when the credential cannot mint one (a
     * pre-fetched ARM token without {@code AKSFLUX_AKS_TOKEN}). A secret: never shown, logged or put in a message.
     */
    default java.util.Optional<String> clusterToken() {
        return Optional.empty();
    }

    /** The AKS server application every AKS-managed Entra ID cluster trusts (what {@code kubelogin} and az ask a token for). */
    String AKS_SERVER_APP = "6dae42f8-4368-4678-94ff-3960e28e3630";
}
