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
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@link ClusterCommands} over AKS {@code runCommand}: the files go as a base64 zip in {@code context}, the
 * request is retried on conflicts and its {@code commandResults} polled at the pacing's interval.
 */
final class AksRunCommand implements ClusterCommands {
    private final ArmWriter writer;

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
