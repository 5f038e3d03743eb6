package io.aksflux.engine;

import io.aksflux.support.Workspaces;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Shards split an estate among the jobs of a matrix: each environment in exactly one, stable as the estate grows. */
class ShardTest {
    private static final List<String> SHIPPED = Workspaces.shipped().environmentNames();
    private static final List<String> HUNDRED = IntStream.rangeClosed(1, 100).mapToObj(i -> "env" + i).toList();

    @Test
    void the_shards_of_one_count_partition_the_selection_exactly() {
        for (List<String> estate : List.of(SHIPPED, HUNDRED)) {
            for (int count = 1; count <= 7; count++) {
                List<String> union = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (int k = 1; k <= count; k++) {
                    List<String> share = new Shard(k, count).of(estate);
                    assertThat(share).as("a shard keeps the selection's order").isSortedAccordingTo(
                            (a, b) -> Integer.compare(estate.indexOf(a), estate.indexOf(b)));
                    assertThat(share).as("pairwise disjoint").allSatisfy(name -> assertThat(seen.add(name)).as(name).isTrue());
                    union.addAll(share);
                }
                assertThat(union).as("union of the %d shards", count).containsExactlyInAnyOrderElementsOf(estate);
            }
        }
    }

    @Test
    void a_single_shard_holds_everything() {
        assertThat(new Shard(1, 1).of(SHIPPED)).containsExactlyElementsOf(SHIPPED);
    }

    @Test
    void adding_an_environment_moves_none_of_the_others() {
        List<String> grown = new ArrayList<>(HUNDRED);
        grown.add("snd9");
        for (int count = 1; count <= 7; count++) {
            for (int k = 1; k <= count; k++) {
                List<String> before = new Shard(k, count).of(HUNDRED);
                List<String> after = new ArrayList<>(new Shard(k, count).of(grown));
                after.remove("snd9");
                assertThat(after).as("shard %d/%d", k, count).isEqualTo(before);
            }
        }
    }

    @Test
    void one_shard_more_moves_only_about_the_new_shards_share_and_only_into_it() {
        List<String> thousand = IntStream.rangeClosed(1, 1000).mapToObj(i -> "e" + i).toList();
        for (int n = 1; n <= 7; n++) {
            int count = n;
            int next = count + 1;
            List<String> moved = thousand.stream().filter(e -> Shard.shardOf(e, count) != Shard.shardOf(e, next)).toList();
            assertThat(moved).as("from %d to %d shards, what moves goes to the new shard", count, next)
                    .allSatisfy(e -> assertThat(Shard.shardOf(e, next)).isEqualTo(next));
            double expected = thousand.size() / (double) next;
            assertThat((double) moved.size()).as("moved from %d to %d shards", count, next).isBetween(expected * 0.75, expected * 1.25);
        }
    }

    @Test
    void a_shard_outside_its_count_is_refused() {
        assertThatThrownBy(() -> new Shard(0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Shard(4, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Shard(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_assignment_is_the_same_on_every_machine() {
        // SHA-256 of name and shard, worked out apart from this code: fixed, whatever the JVM or String.hashCode
        assertThat(SHIPPED.stream().map(n -> n + ":" + Shard.shardOf(n, 3)).toList()).containsExactly(
                "dev1:3", "prd1:2", "pre1:1", "snd1:1", "snd2:1", "snd3:1", "snd4:2", "tst1:1", "tst2:3");
    }
}
