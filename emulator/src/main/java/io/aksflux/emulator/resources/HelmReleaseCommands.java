package io.aksflux.emulator.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aksflux.emulator.flux.HelmReleaseStatus;
import io.aksflux.emulator.flux.SimulatedFlux;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The kubectl reads of a HelmRelease that simulated Flux runs: {@code kubectl get helmrelease -n NS NAME -o yaml|json}
 * (apiVersion, kind, metadata, the chart and version of its spec and its status; never its values, which may hold
 * secrets) and {@code kubectl events -n NS --for helmrelease/NAME} (helm-controller's events, in kubectl's table).
 */
final class HelmReleaseCommands {
    private static final Set<String> HELM_RELEASE = Set.of("helmrelease", "helmreleases", "hr", "helmrelease.helm.toolkit.fluxcd.io",
            "helmreleases.helm.toolkit.fluxcd.io");

    private HelmReleaseCommands() {
    }

    /** The answer to {@code args} when they read a HelmRelease; empty when they are another command. */
    static Optional<ManagedClusters.CommandResult> run(List<String> args, BiFunction<String, String, Optional<SimulatedFlux.HelmRelease>> releases,
                                                       Instant now) {
        if (args.size() < 3 || !args.get(0).equals("kubectl")) {
            return Optional.empty();
        }
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            int equals = arg.indexOf('=');
            if (arg.startsWith("-") && equals > 0) {
                flags.put(canonical(arg.substring(0, equals)), arg.substring(equals + 1));
            } else if (arg.startsWith("-") && i + 1 < args.size()) {
                flags.put(canonical(arg), args.get(++i));
            } else {
                positional.add(arg);
            }
        }
        String namespace = flags.getOrDefault("--namespace", "default");
        if (positional.size() == 3 && positional.get(0).equals("get") && HELM_RELEASE.contains(positional.get(1).toLowerCase(java.util.Locale.ROOT))) {
            String name = positional.get(2);
            String output = flags.getOrDefault("--output", "");
            if (!output.equals("yaml") && !output.equals("json")) {
                return Optional.of(failed("error: the aksflux ARM emulator's kubectl reads a HelmRelease with -o yaml or -o json only"));
            }
            return Optional.of(releases.apply(namespace, name).map(r -> new ManagedClusters.CommandResult(0, object(namespace, name, r, output)))
                    .orElseGet(() -> notFound(name)));
        }
        String target = flags.getOrDefault("--for", "");
        int slash = target.indexOf('/');
        if (positional.size() == 1 && positional.get(0).equals("events") && slash > 0
                && HELM_RELEASE.contains(target.substring(0, slash).toLowerCase(java.util.Locale.ROOT))) {
            String name = target.substring(slash + 1);
            return Optional.of(releases.apply(namespace, name).map(r -> new ManagedClusters.CommandResult(0, events(namespace, name, r, now)))
                    .orElseGet(() -> notFound(name)));
        }
        return Optional.empty();
    }

    private static String canonical(String flag) {
        return switch (flag) {
            case "-n" -> "--namespace";
            case "-o" -> "--output";
            default -> flag;
        };
    }

    private static String object(String namespace, String name, SimulatedFlux.HelmRelease release, String output) {
        HelmReleaseStatus s = release.status();
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", release.apiVersion());
        object.put("kind", "HelmRelease");
        object.put("metadata", ordered("name", name, "namespace", namespace));
        object.put("spec", Map.of("chart", Map.of("spec", ordered("chart", release.chart(), "version", release.version()))));
        Map<String, Object> status = new LinkedHashMap<>();
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("lastTransitionTime", s.since().toString());
        ready.put("message", s.message());
        ready.put("reason", s.reason());
        ready.put("status", s.readyStatus());
        ready.put("type", "Ready");
        status.put("conditions", List.of(ready));
        status.put("failures", s.failures());
        status.put("installFailures", s.installFailures());
        status.put("upgradeFailures", s.upgradeFailures());
        status.put("lastAttemptedRevision", release.version());
        if (s.revision() > 0) {
            status.put("lastAppliedRevision", s.version());
            status.put("lastReleaseRevision", s.revision());
        }
        object.put("status", status);
        if (output.equals("json")) {
            try {
                return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(object) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(Integer.MAX_VALUE); // kubectl does not fold long messages
        return new Yaml(options).dump(object);
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    /** kubectl's events table, oldest first, with its LAST SEEN ages. */
    private static String events(String namespace, String name, SimulatedFlux.HelmRelease release, Instant now) {
        if (release.events().isEmpty()) {
            return "No events found in " + namespace + " namespace.\n";
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"));
        for (SimulatedFlux.HelmEvent e : release.events()) {
            rows.add(List.of(age(Duration.between(e.at(), now)), e.type(), e.reason(), "HelmRelease/" + name, e.message()));
        }
        int[] widths = new int[4];
        rows.forEach(row -> {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                out.append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length() + 3));
            }
            out.append(row.get(4)).append('\n');
        }
        return out.toString();
    }

    /** An age as kubectl prints it: 90s, 5m30s, 12m, 3h. */
    static String age(Duration age) {
        long seconds = Math.max(0, age.getSeconds());
        if (seconds < 120) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + seconds % 60 + "s";
        }
        if (minutes < 180) {
            return minutes + "m";
        }
        return minutes / 60 + "h";
    }

    private static ManagedClusters.CommandResult notFound(String name) {
        return failed("Error from server (NotFound): helmreleases.helm.toolkit.fluxcd.io \"" + name + "\" not found");
    }

    private static ManagedClusters.CommandResult failed(String message) {
        return new ManagedClusters.CommandResult(1, message + "\n");
    }
}
