package io.aksflux.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.aksflux.error.GitException;
import io.aksflux.secret.Redactor;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GitHub's deploy-key REST API ({@code GET/POST /repos/{owner}/{repo}/keys}, {@code DELETE …/keys/{id}}) with a token
 * from {@code AKSFLUX_GITHUB_TOKEN} (a classic token with {@code repo}, or a fine-grained one with "Administration:
 * write" on the repository). {@code AKSFLUX_GITHUB_API_URL} points at GitHub Enterprise Server
 * ({@code https://HOST/api/v3}) or a stand-in. The token travels only in the Authorization header.
 */
public final class GitHubDeployKeys implements DeployKeyHost {
    public static final String TOKEN = "AKSFLUX_GITHUB_TOKEN";
    public static final String API_URL = "AKSFLUX_GITHUB_API_URL";
    static final String PUBLIC_API = "https://api.github.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;
    private final String token;

    public GitHubDeployKeys(HttpClient http, String baseUrl, String token) {
        this.http = http;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.token = token;
        Redactor.shared().register(token);
    }

    /** From the process environment; {@link DeployKeyHost#NONE} without a token, so only a GitHub deploy key is refused. */
    public static DeployKeyHost from(Map<String, String> env, HttpClient http) {
        String token = env.get(TOKEN);
        return token == null || token.isBlank() ? DeployKeyHost.NONE
                : new GitHubDeployKeys(http, env.getOrDefault(API_URL, PUBLIC_API), token.strip());
    }

    @Override
    public List<RegisteredKey> list(String owner, String repo) {
        List<RegisteredKey> keys = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode answer = send("GET", path(owner, repo) + "?per_page=100&page=" + page, null, 200, owner, repo);
            answer.forEach(k -> keys.add(new RegisteredKey(k.path("id").asLong(), k.path("title").asText(""),
                    k.path("key").asText(""), k.path("read_only").asBoolean(false))));
            if (answer.size() < 100) {
                return keys;
            }
        }
    }

    @Override
    public void addReadOnly(String owner, String repo, String title, String publicKey) {
        String body = JsonNodeFactory.instance.objectNode().put("title", title).put("key", publicKey).put("read_only", true).toString();
        send("POST", path(owner, repo), body, 201, owner, repo);
    }

    @Override
    public void delete(String owner, String repo, long id) {
        send("DELETE", path(owner, repo) + "/" + id, null, 204, owner, repo);
    }

    private String path(String owner, String repo) {
        return baseUrl + "/repos/" + encode(owner) + "/" + encode(repo) + "/keys";
    }

    private JsonNode send(String method, String url, String body, int expected, String owner, String repo) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/vnd.github+json").header("X-GitHub-Api-Version", "2022-11-28")
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        String what = method + " deploy keys of " + owner + "/" + repo;
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GitException(what + ": cannot reach " + baseUrl + " (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException(what + ": interrupted");
        }
        if (response.statusCode() != expected) {
            throw new GitException(what + ": GitHub answered " + response.statusCode() + hint(response.statusCode(), owner, repo));
        }
        try {
            return response.body() == null || response.body().isBlank() ? JSON.createArrayNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new GitException(what + ": GitHub's answer is not JSON");
        }
    }

    private static String hint(int status, String owner, String repo) {
        return switch (status) {
            case 401 -> "; " + TOKEN + " is not a valid token";
            case 403, 404 -> "; the token needs admin rights on " + owner + "/" + repo + " (classic: repo scope; fine-grained:"
                    + " Administration: write) and the repository must exist";
            case 422 -> "; GitHub refused the key (it may already be a deploy key of another repository: GitHub allows a key on one only)";
            default -> "";
        };
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
