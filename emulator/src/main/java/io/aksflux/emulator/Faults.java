package io.aksflux.emulator;

import io.aksflux.emulator.flux.ObjectRef;
import io.aksflux.emulator.http.ArmRequest;
import io.aksflux.emulator.http.ArmResponse;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failures injected into one emulator instance, each consumed as requests arrive: throttling (429 with
 * {@code Retry-After}) and server errors (500) on any request, conflicts (409) on PUTs, a failing
 * extension install or flux configuration write, bursts of 429/500/503/409 and reset connections ({@link #burst}),
 * polls and PUT answers whose connection is reset, operations that never end, a {@code Retry-After} of the test's choosing, errors that quote what they were sent (a 400 with the body, a 401 with the bearer token), and HelmReleases whose install or upgrade fails in simulated Flux. Settings are mutable so a test can arm them between steps.
 */
public final class Faults {
    private int conflicts;
    private int throttles;
    private int throttleRetryAfterSeconds;
    private int serverErrors;
    private String extensionFailure;
    private int echoedBodies;
    private String echoedPathEnding = "";
    private int echoedAuthorizations;
    private int lostPutAnswers;
    private int stalledOperations;
    private Integer retryAfterOverride;
    private final Map<ObjectRef, String> helmReleaseFailures = new HashMap<>();
    private final Map<String, java.util.ArrayDeque<Integer>> bursts = new HashMap<>();
    private int droppedPolls;
    private int droppedPutAnswers;
    private String fluxConfigurationFailure;

    /** In a {@link #burst}: the connection is reset without an answer, as a network that dropped it. */
    public static final int RESET = 0;

    /**
     * The next requests with {@code method} ({@code "*"}: any) meet these answers in turn, none carried out, as a bad
     * minute of ARM's front door: 429 TooManyRequests ({@code Retry-After: 0}, so no HTTP pipeline sleeps for real),
     * 500 InternalServerError, 503 ServiceUnavailable, 409 OperationNotAllowed ({@code Retry-After: 1}) and
     * {@link #RESET}. E.g. {@code burst("PUT", 429, 500, 409, RESET)}. A burst comes before every other fault.
     */
    public synchronized Faults burst(String method, int... statuses) {
        java.util.ArrayDeque<Integer> queue = bursts.computeIfAbsent(method.toUpperCase(java.util.Locale.ROOT), m -> new java.util.ArrayDeque<>());
        for (int status : statuses) {
            if (status != RESET && status != 429 && status != 500 && status != 503 && status != 409) {
                throw new IllegalArgumentException("a burst answers 429, 500, 503, 409 or RESET, not " + status);
            }
            queue.add(status);
        }
        return this;
    }

    /**
     * The next {@code count} polls of an operation (GETs of its {@code operations/…} or {@code operationResults/…} status,
     * or of a run command's result) have their connection reset without an answer: the operation goes on regardless.
     */
    public synchronized Faults dropPolls(int count) {
        droppedPolls = requireCount(count);
        return this;
    }

    /**
     * The next {@code count} PUTs are carried out (stored, their operation started) but their connection is reset
     * before the answer: the client cannot tell whether they happened, and its HTTP pipeline sends them again.
     */
    public synchronized Faults dropAnswersToPuts(int count) {
        droppedPutAnswers = requireCount(count);
        return this;
    }

    /** The next flux configuration PUT is accepted but its operation ends Failed with this message. */
    public synchronized Faults failFluxConfiguration(String message) {
        fluxConfigurationFailure = message;
        return this;
    }

    /** The failure the next flux configuration write ends with, if one was armed; consumes it. */
    synchronized Optional<String> takeFluxConfigurationFailure() {
        Optional<String> failure = Optional.ofNullable(fluxConfigurationFailure);
        fluxConfigurationFailure = null;
        return failure;
    }

    /** The burst answer or dropped poll this request meets, if any; consumes it. */
    private Optional<ArmResponse> burstOrDrop(ArmRequest request) {
        for (String method : java.util.List.of(request.method(), "*")) {
            java.util.ArrayDeque<Integer> queue = bursts.get(method);
            if (queue != null && !queue.isEmpty()) {
                return Optional.of(burstAnswer(queue.poll(), request));
            }
        }
        String path = request.path().toLowerCase(java.util.Locale.ROOT);
        if (droppedPolls > 0 && request.method().equals("GET")
                && (path.contains("/operations/") || path.contains("/operationresults/") || path.contains("/commandresults/"))) {
            droppedPolls--;
            return Optional.of(ArmResponse.connectionReset());
        }
        return Optional.empty();
    }

    private static ArmResponse burstAnswer(int status, ArmRequest request) {
        return switch (status) {
            case RESET -> ArmResponse.connectionReset();
            case 429 -> ArmResponse.error(429, "TooManyRequests", "The request is being throttled as the limit has been reached for "
                    + "operation type - " + request.method() + ". Please retry after 0 seconds.").withHeader("Retry-After", "0");
            case 409 -> ArmResponse.anotherOperationInProgress(Duration.ofSeconds(1));
            case 503 -> ArmResponse.error(503, "ServiceUnavailable", "The service is temporarily unavailable; injected by the aksflux emulator.");
            default -> ArmResponse.error(500, "InternalServerError",
                    "Encountered internal server error. Diagnostic information: injected by the aksflux emulator.");
        };
    }

    /** The next {@code count} PUTs answer 409 OperationNotAllowed with {@code Retry-After: 1}, as when another operation holds the cluster. */
    public synchronized Faults conflictsBeforePut(int count) {
        conflicts = requireCount(count);
        return this;
    }

    /**
     * The next {@code count} PUTs are carried out (the resource is stored and its operation starts) but answered 409
     * OperationNotAllowed, as a client sees when the answer to its PUT was lost and its retry meets that PUT's operation.
     */
    public synchronized Faults loseAnswersToPuts(int count) {
        lostPutAnswers = requireCount(count);
        return this;
    }

    /** The next {@code count} requests answer 429 with {@code Retry-After: retryAfterSeconds}. */
    public synchronized Faults throttle(int count, int retryAfterSeconds) {
        throttles = requireCount(count);
        throttleRetryAfterSeconds = requireCount(retryAfterSeconds);
        return this;
    }

    /** The next {@code count} requests answer 500 InternalServerError. */
    public synchronized Faults serverErrors(int count) {
        serverErrors = requireCount(count);
        return this;
    }

    /** The next extension PUT is accepted but its operation ends Failed with this message, as a failed Helm install does. */
    public synchronized Faults failExtension(String message) {
        extensionFailure = message;
        return this;
    }

    /**
     * The next {@code count} requests with a body whose path ends with {@code pathEnding} answer 400 quoting the whole
     * request body, as ARM's validation errors sometimes do: a client must not show that text as it is.
     */
    public synchronized Faults badRequestEchoingBody(String pathEnding, int count) {
        echoedBodies = requireCount(count);
        echoedPathEnding = pathEnding.toLowerCase(java.util.Locale.ROOT);
        return this;
    }

    /** The next {@code count} requests answer 401 quoting the request's {@code Authorization} header, bearer token and all. */
    public synchronized Faults unauthorizedEchoingAuthorization(int count) {
        echoedAuthorizations = requireCount(count);
        return this;
    }

    /** The next {@code count} long-running operations (writes, deletes) never end: they stay in progress forever. */
    public synchronized Faults stallOperations(int count) {
        stalledOperations = requireCount(count);
        return this;
    }

    /**
     * Every successful answer that carries {@code Retry-After} (operation status, run command results) says
     * {@code seconds} instead, until cleared: {@code 0} is what some ARM endpoints answer while a command runs.
     */
    public synchronized Faults retryAfter(int seconds) {
        retryAfterOverride = requireCount(seconds);
        return this;
    }

    /**
     * Every install or upgrade of the HelmRelease {@code namespace/name} fails with {@code reason} (helm's error text,
     * e.g. {@code context deadline exceeded}) until cleared: Ready False, InstallFailed or UpgradeFailed, its failure
     * counts rising each reconcile step. Simulated Flux notices it at its next reconciliation, as it notices a commit.
     */
    public synchronized Faults failHelmRelease(String namespace, String name, String reason) {
        helmReleaseFailures.put(new ObjectRef(namespace, name), reason);
        return this;
    }

    /** The HelmRelease's installs and upgrades succeed again (from the next reconciliation). */
    public synchronized Faults clearHelmReleaseFailure(String namespace, String name) {
        helmReleaseFailures.remove(new ObjectRef(namespace, name));
        return this;
    }

    /** Why installing or upgrading this release fails, if a failure is armed for it. */
    synchronized Optional<String> helmReleaseFailure(ObjectRef release) {
        return Optional.ofNullable(helmReleaseFailures.get(release));
    }

    public synchronized Faults clear() {
        helmReleaseFailures.clear();
        stalledOperations = 0;
        retryAfterOverride = null;
        echoedBodies = 0;
        echoedAuthorizations = 0;
        conflicts = 0;
        throttles = 0;
        serverErrors = 0;
        extensionFailure = null;
        lostPutAnswers = 0;
        bursts.clear();
        droppedPolls = 0;
        droppedPutAnswers = 0;
        fluxConfigurationFailure = null;
        return this;
    }

    /** The fault this request meets, if any; consumes it. Throttling first, as ARM's front door throttles first. */
    synchronized Optional<ArmResponse> intercept(ArmRequest request) {
        Optional<ArmResponse> burst = burstOrDrop(request);
        if (burst.isPresent()) {
            return burst;
        }
        if (echoedAuthorizations > 0) {
            echoedAuthorizations--;
            return Optional.of(ArmResponse.error(401, "InvalidAuthenticationToken",
                    "The access token is invalid. Request headers: Authorization: " + request.authorization()));
        }
        if (echoedBodies > 0 && !request.rawBody().isBlank()
                && request.path().toLowerCase(java.util.Locale.ROOT).endsWith(echoedPathEnding)) {
            echoedBodies--;
            return Optional.of(ArmResponse.error(400, "InvalidRequestContent",
                    "The request content was invalid and could not be deserialized: " + request.rawBody()));
        }
        if (throttles > 0) {
            throttles--;
            return Optional.of(ArmResponse.error(429, "TooManyRequests",
                    "The request is being throttled as the limit has been reached for operation type - "
                            + request.method() + ". Please retry after " + throttleRetryAfterSeconds + " seconds.")
                    .withHeader("Retry-After", Integer.toString(throttleRetryAfterSeconds)));
        }
        if (serverErrors > 0) {
            serverErrors--;
            return Optional.of(ArmResponse.error(500, "InternalServerError",
                    "Encountered internal server error. Diagnostic information: injected by the aksflux emulator."));
        }
        if (conflicts > 0 && request.method().equals("PUT")) {
            conflicts--;
            return Optional.of(ArmResponse.anotherOperationInProgress(Duration.ofSeconds(1)));
        }
        return Optional.empty();
    }

    /** What the client hears instead of {@code answer}, the answer to a PUT just carried out; consumes a lost answer. */
    synchronized ArmResponse afterPut(ArmRequest request, ArmResponse answer) {
        if (lostPutAnswers > 0 && request.method().equals("PUT") && answer.status() < 300) {
            lostPutAnswers--;
            return ArmResponse.anotherOperationInProgress(Duration.ofSeconds(1));
        }
        if (droppedPutAnswers > 0 && request.method().equals("PUT") && answer.status() < 300) {
            droppedPutAnswers--;
            return answer.lost();
        }
        return answer;
    }

    /** Whether the operation beginning now is to stall; consumes a stall. */
    synchronized boolean takeStall() {
        if (stalledOperations > 0) {
            stalledOperations--;
            return true;
        }
        return false;
    }

    /** {@code answer} with its {@code Retry-After} replaced when {@link #retryAfter} is armed. */
    synchronized ArmResponse paced(ArmResponse answer) {
        if (retryAfterOverride == null || answer.status() >= 300 || !answer.headers().containsKey("Retry-After")) {
            return answer;
        }
        return answer.withHeader("Retry-After", Integer.toString(retryAfterOverride));
    }

    /** The failure the next extension install ends with, if one was armed; consumes it. */
    synchronized Optional<String> takeExtensionFailure() {
        Optional<String> failure = Optional.ofNullable(extensionFailure);
        extensionFailure = null;
        return failure;
    }

    private static int requireCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("a fault count must not be negative, not " + count);
        }
        return count;
    }
}
