package io.aksflux.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.aksflux.base.Pacing;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@link ArmBudget} in the Azure SDK's pipeline, after its retry policy so every try passes it, whatever HTTP
 * client sends it: each request waits its turn, each answer is heard, and a 429 is sent again once the hold it
 * set has passed (the SDK's retry policy leaves 429s to this one, so the wait is on the injected clock and shared).
 */
final class ArmBudgetPolicy implements HttpPipelinePolicy {
    static final HttpHeaderName REMAINING_READS = HttpHeaderName.fromString("x-ms-ratelimit-remaining-subscription-reads");
    private final ArmBudget budget;

    ArmBudgetPolicy(ArmBudget budget) {
        this.budget = budget;
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        HttpRequest original = context.getHttpRequest();
        for (int tried = 0; ; tried++) {
            context.setHttpRequest(original.copy()); // the policies after this one (the token) set headers anew each try
            awaitTurn(original);
            HttpResponse response = next.clone().processSync();
            if (!heard(original, response, tried)) {
                return response;
            }
            response.close();
        }
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return attempt(context, next, context.getHttpRequest(), 0);
    }

    /** The typed clients' path: the wait runs where blocking is allowed, never on the HTTP client's threads. */
    private Mono<HttpResponse> attempt(HttpPipelineCallContext context, HttpPipelineNextPolicy next, HttpRequest original, int tried) {
        return Mono.fromRunnable(() -> {
                    context.setHttpRequest(original.copy());
                    awaitTurn(original);
                }).subscribeOn(Schedulers.boundedElastic())
                .then(Mono.defer(() -> next.clone().process()))
                .flatMap(response -> {
                    if (!heard(original, response, tried)) {
                        return Mono.just(response);
                    }
                    response.close();
                    return attempt(context, next, original, tried + 1);
                });
    }

    private void awaitTurn(HttpRequest request) {
        try {
            budget.awaitTurn(request.getUrl().toString(), request.getHttpMethod() == HttpMethod.GET);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Pacing.InterruptedWait();
        }
    }

    /** Tells the budget what the answer said; true when it was a 429 to send again. */
    private boolean heard(HttpRequest request, HttpResponse response, int tried) {
        budget.heard(request.getUrl().toString(), response.getStatusCode(), seconds(response.getHeaderValue(HttpHeaderName.RETRY_AFTER)),
                count(response.getHeaderValue(REMAINING_READS)));
        return response.getStatusCode() == 429 && tried < budget.settings().throttleRetries();
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return header == null ? Optional.empty() : Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date, or nonsense: the floor holds
        }
    }

    private static OptionalInt count(String header) {
        try {
            return header == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(header.trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
