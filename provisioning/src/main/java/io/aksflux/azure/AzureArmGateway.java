package io.aksflux.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.RetryStrategy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.aksflux.arm.ArmException;
import io.aksflux.arm.ArmGateway;
import io.aksflux.arm.ArmOperation;
import io.aksflux.error.AksfluxException;
import io.aksflux.secret.Redactor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * ARM over the Azure SDK's HTTP pipeline (bearer token, request ids, retries of 5xx and dropped connections, and the
 * process's {@link ArmBudget}: 429s waited out and reads spaced as ARM's rate-limit headers say) on the JDK HTTP client. Requests are plain REST by id, so the engine decides
 * how to poll long-running operations ({@code Azure-AsyncOperation}, then {@code Location}) and can send
 * {@code forceDelete}, which the generic resource client cannot. Managed cluster get, run command and Event Hub
 * {@code listKeys} go through the SDK's typed clients on the same pipeline ({@link TypedArmCalls}).
 */
public final class AzureArmGateway implements ArmGateway {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpPipeline pipeline;
    private final String endpoint;
    private final Optional<TokenCredential> aksServer;
    private final TypedArmCalls typed;

    /** Without a credential for the AKS server application: run command sends no {@code clusterToken}. */
    public AzureArmGateway(ArmConnection connection, TokenCredential credential) {
        this(connection, credential, Optional.empty());
    }

    /** @param aksServer mints {@code runCommand}'s {@code clusterToken} ({@link ArmCredentials#forAksServer}) */
    public AzureArmGateway(ArmConnection connection, TokenCredential credential, Optional<TokenCredential> aksServer) {
        this(connection, credential, aksServer, new ArmBudget(io.aksflux.base.Ticker.SYSTEM));
    }

    /** @param budget the process's ARM budget, waiting on the process's clock: build one gateway per process */
    public AzureArmGateway(ArmConnection connection, TokenCredential credential, Optional<TokenCredential> aksServer, ArmBudget budget) {
        this.aksServer = aksServer.map(AzureArmGateway::registering); // the clusterToken is a secret like the ARM token
        java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
        connection.caFile().ifPresent(ca -> jdk.sslContext(TrustedCertificates.withExtraCa(ca)));
        HttpClient client = new JdkHttpClientBuilder(jdk).build();
        this.pipeline = new HttpPipelineBuilder()
                .httpClient(client)
                .policies(new UserAgentPolicy("aksflux"), new RequestIdPolicy(), new RetryPolicy(retries(connection), (String) null, null),
                        new ArmBudgetPolicy(budget), new BearerTokenAuthenticationPolicy(registering(credential), connection.scope()))
                .build();
        this.endpoint = connection.endpoint().toString();
        this.typed = new TypedArmCalls(pipeline, endpoint);
    }

    /**
     * Timeouts, server errors and dropped connections, tried again after the backoff's own delay: an answer's
     * {@code Retry-After} is not read here (a {@code 0} would ask again at once; the base delay is the floor). A 429 is
     * the budget's to wait out ({@link ArmBudgetPolicy}), shared by every request of the process.
     */
    static RetryStrategy retries(ArmConnection connection) {
        ExponentialBackoff backoff = new ExponentialBackoff(connection.maxRetries(), connection.retryBaseDelay(),
                connection.retryBaseDelay().multipliedBy(40));
        return new RetryStrategy() {
            @Override
            public int getMaxRetries() {
                return backoff.getMaxRetries();
            }

            @Override
            public Duration calculateRetryDelay(int retryAttempts) {
                return backoff.calculateRetryDelay(retryAttempts);
            }

            @Override
            public boolean shouldRetryCondition(com.azure.core.http.policy.RequestRetryCondition condition) {
                return (condition.getResponse() == null || condition.getResponse().getStatusCode() != 429) && worthRetrying(condition);
            }
        };
    }

    /**
     * Throttling, timeouts and server errors, and connections that dropped, are worth another try; a certificate that
     * is not trusted, a missing credential or a refused token are not: trying them again only delays the error.
     */
    static boolean worthRetrying(com.azure.core.http.policy.RequestRetryCondition condition) {
        if (condition.getResponse() != null) {
            int status = condition.getResponse().getStatusCode();
            return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
        }
        Throwable failure = condition.getThrowable();
        if (TrustedCertificates.isUntrusted(failure)) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AksfluxException || t instanceof com.azure.core.exception.ClientAuthenticationException
                    || t instanceof com.azure.identity.CredentialUnavailableException) {
                return false;
            }
            if (t instanceof IOException || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The credential, with every token it hands out registered with the redactor before it is sent anywhere. */
    static TokenCredential registering(TokenCredential credential) {
        return request -> credential.getToken(request).doOnNext(token -> Redactor.shared().register(token.getToken()));
    }

    @Override
    public Optional<JsonNode> get(String id, String apiVersion) {
        Optional<TypedArmCalls.ClusterId> cluster = TypedArmCalls.ClusterId.parse(id).filter(c -> c.action().isEmpty());
        if (cluster.isPresent()) {
            return typedCall("GET " + id, () -> typed.cluster(cluster.get()));
        }
        Response response = send(HttpMethod.GET, url(id, apiVersion), null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(response.requireSuccess().body());
    }

    @Override
    public ArmOperation put(String id, String apiVersion, JsonNode body) {
        Response response = send(HttpMethod.PUT, url(id, apiVersion), body).requireSuccess();
        return operation(response, id, apiVersion);
    }

    @Override
    public Optional<ArmOperation> delete(String id, String apiVersion, boolean force) {
        Response response = send(HttpMethod.DELETE, url(id, apiVersion) + (force ? "&forceDelete=true" : ""), null);
        if (response.status() == 204 || response.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(operation(response.requireSuccess(), id, apiVersion));
    }

    @Override
    public JsonNode post(String id, String apiVersion) {
        Optional<TypedArmCalls.ListKeysId> rule = TypedArmCalls.ListKeysId.parse(id);
        if (rule.isPresent()) {
            return typedCall("POST " + id, () -> typed.listKeys(rule.get()));
        }
        return send(HttpMethod.POST, url(id, apiVersion), JsonNodeFactory.instance.objectNode()).requireSuccess().body();
    }

    @Override
    public ArmOperation post(String id, String apiVersion, JsonNode body) {
        Optional<TypedArmCalls.ClusterId> cluster = TypedArmCalls.ClusterId.parse(id).filter(c -> c.action().equalsIgnoreCase("runCommand"));
        if (cluster.isPresent()) {
            ArmOperation started = typedCall("POST " + id, () -> typed.runCommand(cluster.get(), body));
            return new PolledOperation(started.retryAfter(), self -> {
                ArmOperation.OperationStatus status = typedCall("GET " + id + " result", started::poll);
                self.retryAfter = started.retryAfter();
                return status;
            });
        }
        return operation(send(HttpMethod.POST, url(id, apiVersion), body).requireSuccess(), id, apiVersion);
    }

    private com.azure.core.credential.AccessToken clusterToken; // reused until shortly before it expires

    @Override
    public synchronized Optional<String> clusterToken() {
        return aksServer.map(credential -> {
            try {
                if (clusterToken == null || clusterToken.getExpiresAt().isBefore(java.time.OffsetDateTime.now().plusMinutes(5))) {
                    clusterToken = credential.getTokenSync(new TokenRequestContext().addScopes(AKS_SERVER_APP + "/.default"));
                }
                return clusterToken.getToken();
            } catch (RuntimeException e) {
                // the identity library's message names the scope and the credential chain, never a token
                throw new ClusterTokenUnavailableException("cannot get an Entra token for the AKS server application "
                        + AKS_SERVER_APP + " (run command's clusterToken): " + rootMessage(e), e);
            }
        });
    }

    private String url(String id, String apiVersion) {
        return endpoint + (id.startsWith("/") ? id : "/" + id) + "?api-version=" + apiVersion;
    }

    /**
     * The operation a write started: async-operation URL first, then Location, else already done. Each poll's
     * {@code Retry-After} replaces the previous one, as ARM may pace a long operation differently as it goes.
     */
    private ArmOperation operation(Response response, String id, String apiVersion) {
        if (response.asyncOperation() != null) {
            String url = response.asyncOperation();
            return new PolledOperation(response.retryAfter(), self -> {
                Response poll = send(HttpMethod.GET, url, null).requireSuccess();
                self.retryAfter = poll.retryAfter();
                JsonNode body = poll.body();
                ArmOperation.State state = ArmOperation.State.parse(body.path("status").asText(null));
                return new ArmOperation.OperationStatus(state, state == ArmOperation.State.IN_PROGRESS
                        ? body.path("status").asText("")
                        : Redactor.shared().redact(body.path("error").path("message").asText("")));
            });
        }
        if (response.location() != null && response.status() == 202) {
            String url = response.location();
            return new PolledOperation(response.retryAfter(), self -> {
                Response poll = send(HttpMethod.GET, url, null);
                self.retryAfter = poll.retryAfter();
                if (poll.status() == 202) {
                    return new ArmOperation.OperationStatus(ArmOperation.State.IN_PROGRESS,
                            poll.body().path("properties").path("provisioningState").asText("Accepted"));
                }
                return new ArmOperation.OperationStatus(ArmOperation.State.SUCCEEDED, "", poll.requireSuccess().body());
            });
        }
        return ArmOperation.completed(response.body());
    }

    private static final class PolledOperation implements ArmOperation {
        private final java.util.function.Function<PolledOperation, OperationStatus> poller;
        private volatile Optional<Duration> retryAfter;

        PolledOperation(Optional<Duration> retryAfter, java.util.function.Function<PolledOperation, OperationStatus> poller) {
            this.retryAfter = retryAfter;
            this.poller = poller;
        }

        @Override
        public OperationStatus poll() {
            return poller.apply(this);
        }

        @Override
        public Optional<Duration> retryAfter() {
            return retryAfter;
        }
    }

    /** A typed client's call, failing as {@link #send} does when ARM cannot be reached. */
    private <T> T typedCall(String what, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (AksfluxException e) {
            throw e;
        } catch (RuntimeException e) {
            String[] verbAndId = what.split(" ", 2);
            throw unreachable(verbAndId[0] + " " + endpoint + (verbAndId[1].startsWith("/") ? "" : "/") + verbAndId[1], e);
        }
    }

    /** Why ARM could not be reached, for a request {@code what} ({@code GET https://…/id}): said once, redacted. */
    private AksfluxException unreachable(String what, RuntimeException e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof AksfluxException domain) {
                return domain; // a credential's own error, wrapped by the pipeline on its way out
            }
        }
        if (TrustedCertificates.isUntrusted(e)) {
            return new ArmUnreachableException(what + ": " + TrustedCertificates.untrustedMessage(endpoint), e);
        }
        return new ArmUnreachableException(Redactor.shared().redact(what + ": " + rootMessage(e)), e);
    }

    private Response send(HttpMethod method, String url, JsonNode body) {
        HttpRequest request = new HttpRequest(method, url);
        if (body != null) {
            request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
            try {
                request.setBody(JSON.writeValueAsBytes(body));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            byte[] bytes = response.getBodyAsBinaryData() == null ? new byte[0] : response.getBodyAsBinaryData().toBytes();
            return new Response(response.getStatusCode(), bytes,
                    response.getHeaderValue(HttpHeaderName.fromString("Azure-AsyncOperation")),
                    response.getHeaderValue(HttpHeaderName.LOCATION),
                    response.getHeaderValue(HttpHeaderName.RETRY_AFTER));
        } catch (AksfluxException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreachable(method + " " + url.replaceAll("\\?.*", ""), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private record Response(int status, byte[] bytes, String asyncOperation, String location, String retryAfterHeader) {
        JsonNode body() {
            if (bytes.length == 0) {
                return JsonNodeFactory.instance.objectNode();
            }
            try {
                return JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            } catch (IOException e) {
                return JsonNodeFactory.instance.objectNode();
            }
        }

        Optional<Duration> retryAfter() {
            try {
                return retryAfterHeader == null ? Optional.empty() : Optional.of(Duration.ofSeconds(Long.parseLong(retryAfterHeader.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        Response requireSuccess() {
            if (status >= 200 && status < 300) {
                return this;
            }
            JsonNode error = body().path("error");
            throw new ArmException(status, error.path("code").asText(""), error.path("message").asText(""), retryAfter().orElse(null));
        }
    }

    /** The credential could not give the token a run command on an Entra cluster needs. */
    public static final class ClusterTokenUnavailableException extends AksfluxException {
        ClusterTokenUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** ARM could not be reached at all (DNS, TLS, connection refused after retries). */
    public static final class ArmUnreachableException extends AksfluxException {
        ArmUnreachableException(String message, Throwable cause) {
            super("cannot reach Azure Resource Manager: " + message, cause);
        }
    }
}
