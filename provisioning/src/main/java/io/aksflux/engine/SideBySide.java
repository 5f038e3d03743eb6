package io.aksflux.engine;

import io.aksflux.base.Pacing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Work of several environments at once, at most {@code parallel} at a time, results in the order given. Each piece
 * turns its environment's failures into its own result, so what escapes here is an interrupt (Ctrl-C: the waits stop
 * and it is said once) or an error of the JVM.
 */
final class SideBySide {
    private SideBySide() {
    }

    static <T> List<T> run(int parallel, List<Supplier<T>> work) {
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, work.size())));
        try {
            List<Future<T>> running = new ArrayList<>();
            work.forEach(piece -> running.add(workers.submit(piece::get)));
            List<T> results = new ArrayList<>();
            for (Future<T> result : running) {
                results.add(result.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Pacing.InterruptedWait();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            if (e.getCause() instanceof Pacing.InterruptedWait interrupted) {
                throw interrupted;
            }
            throw new IllegalStateException(e.getCause()); // each piece makes every other failure its environment's result
        } finally {
            workers.shutdownNow();
        }
    }
}
