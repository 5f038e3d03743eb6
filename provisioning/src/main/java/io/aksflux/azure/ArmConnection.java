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
        return new ArmConnection(endpoint(endpoint, endpointOption != null ? "--arm-endpoint" : "AKSFLUX_ARM_ENDPOINT"),
                Optional.ofNullable(ca), Duration.ofMillis(800), 5);
    }

    /**
     * {@code value} as an ARM endpoint, {@code https://HOST[:PORT][/PATH]} without query, fragment or user; else a
     * {@link io.aksflux.error.UsageException} naming {@code source} and the allowed form.
     */
    public static URI endpoint(String value, String source) {
        String allowed = source + " '" + value + "' is not an ARM endpoint: expected https://HOST[:PORT], e.g. "
                + PUBLIC_CLOUD + ", https://management.usgovcloudapi.net or the emulator's https://127.0.0.1:PORT";
        URI uri;
        try {
            uri = new URI(value.trim().replaceAll("/+$", ""));
        } catch (java.net.URISyntaxException e) {
            throw new io.aksflux.error.UsageException(allowed);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new io.aksflux.error.UsageException(allowed + (uri.getScheme() != null && uri.getScheme().equalsIgnoreCase("http")
                    ? " (plain http is refused: the bearer token would travel in clear)" : ""));
        }
        return uri;
    }

    public ArmConnection withRetryBaseDelay(Duration delay) {
        return new ArmConnection(endpoint, caFile, delay, maxRetries);
    }

    /** The token scope for this cloud: {@code <endpoint>/.default}. */
    public String scope() {
        return endpoint + "/.default";
    }

    /** A JDK HTTP client that also trusts the CA file, for the REST calls made beside ARM (GitHub's deploy-key API). */
    public java.net.http.HttpClient httpClient() {
        java.net.http.HttpClient.Builder builder = java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(30));
        caFile.ifPresent(ca -> builder.sslContext(TrustedCertificates.withExtraCa(ca)));
        return builder.build();
    }
}
