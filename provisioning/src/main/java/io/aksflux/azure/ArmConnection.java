package io.aksflux.azure;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach ARM: endpoint (public cloud, sovereign cloud or the local emulator), an optional extra CA
 * (the emulator's, or a corporate proxy's) and the retry pacing of the HTTP pipeline.
 */
public record ArmConnection(URI endpoint, Optional<Path> caFile, Duration retryBaseDelay, int maxRetries) {
    public static final URI PUBLIC_CLOUD = URI.create("https://management.azure.com");

    /** From {@code --arm-endpoint}/{@code AKSFLUX_ARM_ENDPOINT} and {@code --ca-file}/{@code AKSFLUX_CA_FILE}. */
    public static ArmConnection from(String endpointOption, Path caOption, Map<String, String> env) {
        String endpoint = endpointOption != null ? endpointOption : env.getOrDefault("AKSFLUX_ARM_ENDPOINT", PUBLIC_CLOUD.toString());
        Path ca = caOption != null ? caOption : Optional.ofNullable(env.get("AKSFLUX_CA_FILE")).map(Path::of).orElse(null);
        return new ArmConnection(URI.create(endpoint.replaceAll("/+$", "")), Optional.ofNullable(ca), Duration.ofMillis(800), 5);
    }

    public ArmConnection withRetryBaseDelay(Duration delay) {
        return new ArmConnection(endpoint, caFile, delay, maxRetries);
    }

    /** The token scope for this cloud: {@code <endpoint>/.default}. */
    public String scope() {
        return endpoint + "/.default";
    }
}
