package io.aksflux.emulator;

import io.aksflux.emulator.http.ArmRequest;
import io.aksflux.emulator.http.ArmResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * ARM's read allowance per subscription: every GET spends one read, the reads refill evenly over the emulator's clock
 * (12,000 an hour, as ARM's), and every answer to a GET says how many are left in
 * {@code x-ms-ratelimit-remaining-subscription-reads}. Once a subscription's reads are spent, a GET is answered 429
 * with {@code Retry-After}: the whole seconds until one read is back. Tests make the allowance small ({@link #allow}).
 */
public final class ReadBudget {
    public static final String REMAINING_READS = "x-ms-ratelimit-remaining-subscription-reads";

    private record Bucket(double reads, Instant at) {
    }

    private final Supplier<Instant> clock;
    private final Map<String, Bucket> bySubscription = new HashMap<>();
    private int reads = 12_000;
    private Duration per = Duration.ofHours(1);
    private int throttled;

    ReadBudget(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /** {@code reads} a subscription may make, refilled over {@code per}; every subscription starts full again. */
    public synchronized ReadBudget allow(int reads, Duration per) {
        if (reads < 1 || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("a read budget is at least one read over a positive time, not " + reads + " per " + per);
        }
        this.reads = reads;
        this.per = per;
        bySubscription.clear();
        return this;
    }

    /** How many GETs were answered 429 because their subscription's reads were spent. */
    public synchronized int throttled() {
        return throttled;
    }

    /** A 429 when the request is a read its subscription has no read left for; else spends the read. */
    synchronized Optional<ArmResponse> spend(ArmRequest request) {
        String subscription = subscription(request);
        if (!request.method().equals("GET") || subscription.isEmpty()) {
            return Optional.empty();
        }
        Bucket bucket = refilled(subscription);
        if (bucket.reads() < 1) {
            throttled++;
            long wait = (long) Math.ceil((1 - bucket.reads()) * per.toMillis() / reads / 1000.0);
            return Optional.of(ArmResponse.error(429, "TooManyRequests", "The request is being throttled as the limit has been reached"
                    + " for operation type - Read. Please retry after " + Math.max(1, wait) + " seconds.")
                    .withHeader("Retry-After", Long.toString(Math.max(1, wait))).withHeader(REMAINING_READS, "0"));
        }
        bySubscription.put(subscription, new Bucket(bucket.reads() - 1, bucket.at()));
        return Optional.empty();
    }

    /** {@code answer} with the subscription's remaining reads, when {@code request} was a read. */
    synchronized ArmResponse counted(ArmRequest request, ArmResponse answer) {
        String subscription = subscription(request);
        if (!request.method().equals("GET") || subscription.isEmpty() || answer.headers().containsKey(REMAINING_READS)) {
            return answer;
        }
        return answer.withHeader(REMAINING_READS, Long.toString((long) Math.floor(refilled(subscription).reads())));
    }

    private Bucket refilled(String subscription) {
        Instant now = clock.get();
        Bucket bucket = bySubscription.getOrDefault(subscription, new Bucket(reads, now));
        double back = Math.max(0, Duration.between(bucket.at(), now).toMillis()) * (double) reads / per.toMillis();
        Bucket now1 = new Bucket(Math.min(reads, bucket.reads() + back), now);
        bySubscription.put(subscription, now1);
        return now1;
    }

    private static String subscription(ArmRequest request) {
        var s = request.segments();
        return s.size() >= 2 && s.get(0).equalsIgnoreCase("subscriptions") ? s.get(1).toLowerCase(Locale.ROOT) : "";
    }
}
