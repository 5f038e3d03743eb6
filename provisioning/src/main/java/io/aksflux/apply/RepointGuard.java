package io.aksflux.apply;

import io.aksflux.base.Progress;
import com.fasterxml.jackson.databind.JsonNode;
import io.aksflux.desired.ArmResource;
import io.aksflux.environment.Environment;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses to repoint a flux configuration: when the one on the cluster reconciles kustomization paths other than
 * this environment's, it belongs to another environment (a copied {@code tst2.yaml} renamed {@code tst3.yaml} with
 * unchanged ids) or the paths were changed on purpose. Applying would rewrite them, and with {@code prune: true} Flux
 * then deletes everything the old paths created. Only an apply that allows the repoint goes on, with a warning.
 */
final class RepointGuard {
    private RepointGuard() {
    }

    /** @param actual the flux configuration as GET returns it, if it exists */
    static void check(Environment env, ArmResource desired, Optional<JsonNode> actual, boolean allowed, Progress progress) {
        if (actual.isEmpty()) {
            return;
        }
        List<String> moved = moved(desired.body().path("properties").path("kustomizations"),
                actual.get().path("properties").path("kustomizations"));
        if (moved.isEmpty()) {
            return;
        }
        String what = "flux configuration " + env.flux().name() + " on cluster " + env.azure().cluster()
                + " reconciles other kustomization paths than " + env.name().name() + " (" + String.join(", ", moved) + ")";
        if (allowed) {
            progress.warn(what + "; repointing it, as allowed: with prune: true Flux deletes what the old paths created");
            return;
        }
        throw new ProvisioningFailedException(what + ". Applying would repoint it, and with prune: true Flux then deletes every"
                + " workload the old paths created (another environment's, if " + env.file().getFileName()
                + " was copied from one without changing azure.subscriptionId, azure.resourceGroup, azure.cluster or flux.name)."
                + " Nothing was written. Fix those ids, or re-run allowing the repoint if it is intended.");
    }

    /** {@code name: before -> after} for each kustomization on the cluster whose path this environment changes or drops. */
    private static List<String> moved(JsonNode desired, JsonNode actual) {
        List<String> moved = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = actual.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> k = it.next();
            String before = k.getValue().path("path").asText("");
            JsonNode wanted = desired.get(k.getKey());
            if (wanted == null) {
                moved.add(k.getKey() + " " + before + " -> (removed)");
            } else if (!normalise(before).equals(normalise(wanted.path("path").asText("")))) {
                moved.add(k.getKey() + " " + before + " -> " + wanted.path("path").asText(""));
            }
        }
        return moved;
    }

    /** {@code ./infra/snd/04/} and {@code infra/snd/04} are one path to Flux. */
    private static String normalise(String path) {
        String p = path.startsWith("./") ? path.substring(2) : path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
