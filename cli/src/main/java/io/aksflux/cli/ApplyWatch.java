package io.aksflux.cli;

import io.aksflux.base.Progress;
import io.aksflux.engine.EstateApply;
import io.aksflux.engine.EstateResult;

import java.util.List;

/** The console an apply reports to, and what is running for the Ctrl-C message; one environment's or an estate's. */
interface ApplyWatch extends EstateApply.Watch {
    /** {@code during stage 'flux' of snd4}, or {@code while applying snd1 (flux), tst2 (converge)}. */
    String running();

    /** The single form ({@code apply snd4}): its progress unprefixed, as one environment has always had it. */
    static ApplyWatch of(ConsoleProgress console, List<String> environments, boolean single) {
        return single ? new One(console, environments.get(0)) : console.estate(environments);
    }

    record One(ConsoleProgress console, String environment) implements ApplyWatch {
        @Override
        public Progress started(String name) {
            return console;
        }

        @Override
        public void finished(EstateResult.Entry entry) {
            // the result itself is the final word
        }

        /** {@code during stage 'seed' of snd4; the seed pushed core 3f1c... to main of URL}: what an interrupted seed left in Git. */
        @Override
        public String running() {
            List<String> pushes = console.pushes();
            return "during stage '" + console.currentStage() + "' of " + environment
                    + (pushes.isEmpty() ? "" : "; the seed pushed " + String.join(", ", pushes));
        }
    }
}
