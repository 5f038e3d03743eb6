package io.aksflux.emulator.flux;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semver range as Flux's GitRepository {@code ref.semver} takes it (the Masterminds constraint syntax): comparators
 * {@code = != > < >= <=}, {@code ~} and {@code ^}, wildcards {@code x X *} and partial versions, joined by spaces or
 * commas (and) and {@code ||} (or). Tags are versions with an optional leading {@code v}; a pre-release tag matches
 * only a range that names a pre-release. Hyphen ranges ({@code 1.2 - 1.4}) are not understood.
 */
public final class SemverRange {
    private static final Pattern VERSION = Pattern.compile("^v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?$");
    private static final Pattern COMPARATOR = Pattern.compile(
            "^(=|!=|>=|<=|>|<|~|\\^)?\\s*v?(\\d+|[xX*])(?:\\.(\\d+|[xX*]))?(?:\\.(\\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?$");

    /** A version; {@code pre} is empty for a release. */
    public record Version(int major, int minor, int patch, String pre) implements Comparable<Version> {
        static Optional<Version> parse(String text) {
            Matcher m = VERSION.matcher(text.strip());
            if (!m.matches()) {
                return Optional.empty();
            }
            return Optional.of(new Version(Integer.parseInt(m.group(1)), num(m.group(2)), num(m.group(3)),
                    m.group(4) == null ? "" : m.group(4)));
        }

        @Override
        public int compareTo(Version o) {
            int c = Comparator.comparingInt(Version::major).thenComparingInt(Version::minor).thenComparingInt(Version::patch).compare(this, o);
            if (c != 0 || pre.equals(o.pre)) {
                return c;
            }
            return pre.isEmpty() ? 1 : o.pre.isEmpty() ? -1 : pre.compareTo(o.pre);
        }
    }

    /** One comparator as an interval: {@code lower} inclusive, {@code upper} exclusive, or a single excluded version. */
    private record Bound(Version lower, Version upper, Version excluded) {
        boolean test(Version v) {
            return (lower == null || v.compareTo(lower) >= 0) && (upper == null || v.compareTo(upper) < 0)
                    && (excluded == null || v.compareTo(excluded) != 0);
        }
    }

    private final List<List<Bound>> alternatives;
    private final boolean allowsPreRelease;

    private SemverRange(List<List<Bound>> alternatives, boolean allowsPreRelease) {
        this.alternatives = alternatives;
        this.allowsPreRelease = allowsPreRelease;
    }

    /** @throws IllegalArgumentException naming the part that is not a constraint */
    public static SemverRange parse(String text) {
        List<List<Bound>> alternatives = new ArrayList<>();
        boolean pre = false;
        for (String alternative : text.split("\\|\\|")) {
            List<Bound> all = new ArrayList<>();
            for (String part : alternative.trim().replaceAll("([=<>!~^])\\s+", "$1").split("[\\s,]+")) {
                if (part.isEmpty()) {
                    continue;
                }
                Matcher m = COMPARATOR.matcher(part);
                if (!m.matches()) {
                    throw new IllegalArgumentException("improper constraint: " + part);
                }
                pre |= m.group(5) != null;
                all.add(bound(m.group(1) == null ? "=" : m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)));
            }
            if (all.isEmpty()) {
                throw new IllegalArgumentException("improper constraint: " + text);
            }
            alternatives.add(all);
        }
        return new SemverRange(alternatives, pre);
    }

    public boolean matches(String tag) {
        return Version.parse(tag).filter(v -> allowsPreRelease || v.pre().isEmpty())
                .map(v -> alternatives.stream().anyMatch(all -> all.stream().allMatch(b -> b.test(v)))).orElse(false);
    }

    /** The highest of {@code tags} in the range, as Flux picks it. */
    public Optional<String> highest(List<String> tags) {
        return tags.stream().filter(this::matches).max(Comparator.comparing(t -> Version.parse(t).orElseThrow()));
    }

    private static Bound bound(String op, String major, String minor, String patch, String pre) {
        if (isWild(major)) {
            return new Bound(null, null, null); // *, x: anything
        }
        int ma = Integer.parseInt(major);
        boolean hasMinor = minor != null && !isWild(minor);
        boolean hasPatch = hasMinor && patch != null && !isWild(patch);
        int mi = hasMinor ? Integer.parseInt(minor) : 0;
        int pa = hasPatch ? Integer.parseInt(patch) : 0;
        Version low = new Version(ma, mi, pa, pre == null ? "" : pre);
        // the first version past the partial one: 1 -> 2.0.0, 1.2 -> 1.3.0, 1.2.3 -> 1.2.4
        Version next = !hasMinor ? new Version(ma + 1, 0, 0, "") : !hasPatch ? new Version(ma, mi + 1, 0, "") : new Version(ma, mi, pa + 1, "");
        return switch (op) {
            case "=" -> new Bound(low, next, null);
            case "!=" -> new Bound(null, null, low);
            case ">" -> new Bound(next, null, null);
            case ">=" -> new Bound(low, null, null);
            case "<" -> new Bound(null, low, null);
            case "<=" -> new Bound(null, next, null);
            case "~" -> new Bound(low, hasMinor ? new Version(ma, mi + 1, 0, "") : new Version(ma + 1, 0, 0, ""), null);
            case "^" -> new Bound(low, ma > 0 || !hasMinor ? new Version(ma + 1, 0, 0, "")
                    : mi > 0 || !hasPatch ? new Version(0, mi + 1, 0, "") : new Version(0, 0, pa + 1, ""), null);
            default -> throw new IllegalArgumentException("improper constraint: " + op);
        };
    }

    private static boolean isWild(String part) {
        return part.equals("x") || part.equals("X") || part.equals("*");
    }

    private static int num(String group) {
        return group == null ? 0 : Integer.parseInt(group);
    }
}
