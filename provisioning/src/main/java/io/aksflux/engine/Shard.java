package io.aksflux.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Share {@code index} of {@code count} of an estate, so that {@code count} jobs side by side rebuild it together, each
 * its own environments. An environment belongs to the shard that weighs it most (rendezvous, highest-random-weight
 * hashing over SHA-256 of name and shard): the same on every machine and run, every environment in exactly one
 * shard, an environment added moves no other, and one shard more moves only about the new shard's share.
 */
public record Shard(int index, int count) {
    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + " of " + count + ": the shard must be 1 to the count, and the count at least 1");
        }
    }

    /** The environments of {@code names} this shard holds, in their order. */
    public List<String> of(List<String> names) {
        return names.stream().filter(name -> shardOf(name, count) == index).toList();
    }

    /** The shard, 1 to {@code count}, that holds {@code name}. */
    public static int shardOf(String name, int count) {
        return IntStream.rangeClosed(1, count).boxed()
                .max((a, b) -> Long.compareUnsigned(weight(name, a), weight(name, b))).orElseThrow();
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    private static long weight(String name, int shard) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((name + "\u0000" + shard).getBytes(StandardCharsets.UTF_8));
            long weight = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                weight = (weight << 8) | (digest[i] & 0xff);
            }
            return weight;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
