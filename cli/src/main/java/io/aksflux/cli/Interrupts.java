package io.aksflux.cli;

import io.aksflux.git.TemporaryClones;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What to say and clean up when the process is interrupted (Ctrl-C, SIGINT, a cancelled pipeline job). {@link Main}
 * installs one JVM shutdown hook, once, that runs {@link #interrupt}: every handler still registered, latest first,
 * then the cleanups that always run (temporary Git clones). Commands register and close handlers here, never JVM hooks,
 * so nothing adds or removes a hook while the JVM shuts down ({@code IllegalStateException: Shutdown in progress}).
 * A command that ends normally has closed its handlers before the process exits, so the hook then says nothing.
 */
public final class Interrupts {
    private final Deque<Runnable> handlers = new ArrayDeque<>();
    private final List<Runnable> always;
    private boolean interrupted;

    /** Handlers only (tests). */
    public Interrupts() {
        this(List.of());
    }

    private Interrupts(List<Runnable> always) {
        this.always = List.copyOf(always);
    }

    /** The process's: also deletes every temporary clone still open. */
    static Interrupts forProcess() {
        return new Interrupts(List.of(TemporaryClones.PROCESS::deleteAll));
    }

    /** A registration that runs {@code onInterrupt} if the process is interrupted before it is closed. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    public synchronized Registration during(Runnable onInterrupt) {
        if (interrupted) { // already ending: do it now rather than never
            onInterrupt.run();
            return () -> { };
        }
        handlers.push(onInterrupt);
        return () -> {
            synchronized (Interrupts.this) {
                handlers.remove(onInterrupt);
            }
        };
    }

    /** Whether the process is being interrupted: a failure then is the interruption's doing, which its handlers report. */
    public synchronized boolean interrupted() {
        return interrupted;
    }

    /** The shutdown hook's work; each handler's failure is contained so the others still run. */
    public void interrupt() {
        List<Runnable> toRun;
        synchronized (this) {
            interrupted = true;
            toRun = new ArrayList<>(handlers);
            handlers.clear();
        }
        toRun.addAll(always);
        for (Runnable handler : toRun) {
            try {
                handler.run();
            } catch (RuntimeException e) {
                System.err.println("aksflux: while stopping: " + e.getMessage());
            }
        }
    }

    /** The thread {@link Main} registers as the JVM's shutdown hook. */
    Thread hook() {
        return new Thread(this::interrupt, "aksflux-interrupt");
    }
}
