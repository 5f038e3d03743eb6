package io.aksflux.azure;

import io.aksflux.base.Ticker;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The process's one ARM request budget, shared by every environment applied side by side over one gateway. ARM
 * throttles per subscription: it says how many reads are left ({@code x-ms-ratelimit-remaining-subscription-reads})
 * and answers 429 with {@code Retry-After} once they are spent. Here a 429 holds back every request of the process
 * until its {@code Retry-After} has passed (at least {@link Settings#throttleFloor}: a {@code Retry-After: 0} is not
 * a licence to ask again at once), so the other environments do not each discover the throttle with a 429 of their
 * own; and when a subscription's remaining reads fall below {@link Settings#lowReads}, its reads are spaced out, the
 * further the fewer remain. Every wait is on the injected clock, so tests never sleep.
 */
public final class ArmBudget {
    private static final Pattern SUBSCRIPTION = Pattern.compile("/subscriptions/([^/?]+)", Pattern.CASE_INSENSITIVE);

    /**
     * @param throttleFloor   the least a 429 holds requests back, whatever its {@code Retry-After} says
     * @param lowReads        below this many remaining reads a subscription's reads are spaced out
     * @param lowSpacing      the space between reads just below {@code lowReads}; it grows as {@code lowReads / remaining}
     * @param spacingCap      the most two reads are ever spaced
     * @param throttleRetries how often a request answered 429 is sent again before the 429 is the answer
     */
    public record Settings(Duration throttleFloor, int lowReads, Duration lowSpacing, Duration spacingCap, int throttleRetries) {
        /** ARM's 12,000 reads an hour: spaced from 1,200 left (a second apart, a minute at most); 429s held at least 2 s, sent 6 more times. */
        public static Settings standard() {
            return new Settings(Duration.ofSeconds(2), 1200, Duration.ofSeconds(1), Duration.ofSeconds(60), 6);
        }

        public Settings withLowReads(int reads, Duration spacing) {
            return new Settings(throttleFloor, reads, spacing, spacingCap, throttleRetries);
        }
    }

    private final Ticker ticker;
    private final Settings settings;
    private Instant throttledUntil = Instant.EPOCH;
    private final Map<String, Integer> remainingReads = new HashMap<>(); // lower-case subscription id → as ARM last said
    private final Map<String, Instant> lastRead = new HashMap<>(); // when the subscription's latest read was let go

    public ArmBudget(Ticker ticker) {
        this(ticker, Settings.standard());
    }

    public ArmBudget(Ticker ticker, Settings settings) {
        this.ticker = ticker;
        this.settings = settings;
    }

    Settings settings() {
        return settings;
    }

    /**
     * Waits until a request to {@code url} may go: past any 429's hold, and for a read of a subscription running low,
     * its turn in the spaced-out reads.
     */
    void awaitTurn(String url, boolean read) throws InterruptedException {
        Instant now = ticker.now();
        for (Instant until = held(); until.isAfter(now); until = held()) {
            ticker.sleep(Duration.between(now, until)); // another 429 may extend the hold meanwhile: look again
            now = ticker.now();
        }
        if (!read) {
            return;
        }
        Instant turn;
        synchronized (this) {
            String subscription = subscription(url);
            Instant earliest = lastRead.getOrDefault(subscription, Instant.EPOCH).plus(spacing(subscription));
            turn = earliest.isAfter(now) ? earliest : now;
            lastRead.put(subscription, turn);
        }
        if (turn.isAfter(now)) {
            ticker.sleep(Duration.between(now, turn));
        }
    }

    /** What an answer from {@code url} says: the subscription's remaining reads; a 429 holds every request back. */
    synchronized void heard(String url, int status, Optional<Duration> retryAfter, OptionalInt remaining) {
        remaining.ifPresent(reads -> remainingReads.put(subscription(url), reads));
        if (status == 429) {
            Duration hold = retryAfter.filter(d -> d.compareTo(settings.throttleFloor()) > 0).orElse(settings.throttleFloor());
            Instant until = ticker.now().plus(hold);
            if (until.isAfter(throttledUntil)) {
                throttledUntil = until;
            }
        }
    }

    /** Until when a 429 holds requests back (in the past when none does). */
    synchronized Instant held() {
        return throttledUntil;
    }

    /** The space between two reads of the subscription now: none while it has reads to spare. */
    synchronized Duration spacing(String subscription) {
        Integer remaining = remainingReads.get(subscription);
        if (remaining == null || remaining >= settings.lowReads()) {
            return Duration.ZERO;
        }
        Duration spaced = settings.lowSpacing().multipliedBy(settings.lowReads()).dividedBy(Math.max(1, remaining));
        return spaced.compareTo(settings.spacingCap()) > 0 ? settings.spacingCap() : spaced;
    }

    /** The subscription a request URL is under, lower case ("" for none). */
    static String subscription(String url) {
        Matcher m = SUBSCRIPTION.matcher(url);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    }
}
