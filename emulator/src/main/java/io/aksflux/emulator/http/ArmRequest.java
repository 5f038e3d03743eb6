package io.aksflux.emulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An HTTP request as the emulator sees it: the base URL it reached ({@code https://localhost:PORT}), method, decoded path segments, query, bearer header and raw body. */
public record ArmRequest(String baseUrl, String method, String path, Map<String, String> query, String authorization, String rawBody) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ArmRequest of(String baseUrl, String method, String url, String authorization, String rawBody) {
        URI uri = URI.create(url);
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                query.put(key.toLowerCase(Locale.ROOT), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        String path = decode(uri.getRawPath()).replaceAll("/+$", "");
        return new ArmRequest(baseUrl, method.toUpperCase(Locale.ROOT), path, Collections.unmodifiableMap(query), authorization,
                rawBody == null ? "" : rawBody);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    public String apiVersion() {
        return query.get("api-version");
    }

    /** Path segments without the leading empty one. */
    public List<String> segments() {
        return path.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(path.substring(1).split("/")));
    }

    public boolean hasBearerToken() {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) && !authorization.substring(7).isBlank();
    }

    public boolean flag(String name) {
        return "true".equalsIgnoreCase(query.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The body as JSON, or empty when there is none; malformed JSON throws {@link ArmError}. */
    public Optional<JsonNode> json() {
        if (rawBody.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(rawBody));
        } catch (JsonProcessingException e) {
            throw new ArmError(400, "InvalidRequestContent",
                    "The request content was invalid and could not be deserialized: '" + e.getOriginalMessage() + "'.");
        }
    }
}
