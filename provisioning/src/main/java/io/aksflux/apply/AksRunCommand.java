package io.aksflux.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aksflux.arm.ArmIds;
import io.aksflux.arm.ArmOperation;
import io.aksflux.cluster.ClusterCommands;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@link ClusterCommands} over AKS {@code runCommand}: the files go as a base64 zip in {@code context}, the
 * request is retried on conflicts and its {@code commandResults} polled as each answer's {@code Retry-After} says, the
 * first time after the one of the 202 that started the command (an answer is not ready before). On a cluster with
 * AKS-managed Entra ID the request carries {@code clusterToken} (a token for the AKS server application), as
 * {@code az aks command invoke} sends; without local accounts AKS refuses a command without one.
 */
final class AksRunCommand implements ClusterCommands {
    private final ArmWriter writer;
    private static final ClusterAccess OPEN = new ClusterAccess(false, false, false, false, false);
    private final Map<String, ClusterAccess> access = new HashMap<>(); // lower-case cluster id → its access, read once

    AksRunCommand(ArmWriter writer) {
        this.writer = writer;
    }

    @Override
    public CommandResult run(String clusterId, String command, Map<String, String> files) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("command", command);
        if (!files.isEmpty()) {
            String context = Base64.getEncoder().encodeToString(zip(files));
            io.aksflux.secret.Redactor.shared().register(context); // the files may hold a secret, deflated where no search finds it
            body.put("context", context);
        }
        String what = "command on cluster " + clusterId.substring(clusterId.lastIndexOf('/') + 1);
        clusterToken(clusterId).ifPresent(token -> body.put("clusterToken", token));
        ArmOperation operation = writer.retryingConflicts(what,
                () -> writer.gateway().post(clusterId + "/runCommand", ArmIds.MANAGED_CLUSTERS_API, body));
        ArmOperation.OperationStatus status = writer.await(what, operation);
        JsonNode result = status.result().path("properties");
        if (status.state() != ArmOperation.State.SUCCEEDED || result.path("provisioningState").asText("Succeeded").equalsIgnoreCase("Failed")) {
            String reason = result.path("reason").asText("");
            throw new ProvisioningFailedException(what + " did not run: "
                    + (!reason.isEmpty() ? reason : status.message().isEmpty() ? "no reason from Azure" : status.message()));
        }
        return new CommandResult(result.path("exitCode").asInt(0), result.path("logs").asText(""));
    }

    /** The token to send, read once per cluster; fails, naming the cause and the fix, where AKS would refuse the command. */
    private Optional<String> clusterToken(String clusterId) {
        ClusterAccess cluster = access.computeIfAbsent(clusterId.toLowerCase(Locale.ROOT), id -> writer.gateway()
                .latest(clusterId, ArmIds.MANAGED_CLUSTERS_API).map(ClusterAccess::of).orElse(OPEN));
        if (!cluster.entraManaged()) {
            return Optional.empty();
        }
        Optional<String> token = writer.gateway().clusterToken();
        if (token.isEmpty() && cluster.needsClusterToken()) {
            throw new ProvisioningFailedException(ClusterAccess.noClusterToken(clusterId.substring(clusterId.lastIndexOf('/') + 1)));
        }
        return token;
    }

    static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
