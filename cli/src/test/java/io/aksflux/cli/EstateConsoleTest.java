package io.aksflux.cli;

import io.aksflux.engine.EstateResult;
import io.aksflux.support.SimulatedTicker;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the console of a rebuild says while environments run, and what Ctrl-C names. */
class EstateConsoleTest {
    private final StringWriter err = new StringWriter();
    private final SimulatedTicker ticker = new SimulatedTicker();
    private final EstateConsole console = new EstateConsole(new ConsoleProgress(new PrintWriter(err), ticker, false),
            List.of("snd4", "prd1", "tst2"));

    @Test
    void interrupting_names_every_environment_still_running_and_its_stage() {
        console.started("snd4").stage("flux", "flux configuration 'flux-config'");
        console.started("prd1").stage("converge", "waiting");
        console.started("tst2");
        console.finished(EstateResult.Entry.failed("tst2", new IllegalStateException("boom"), Duration.ZERO));

        assertThat(console.stillRunning()).isEqualTo("snd4 (flux), prd1 (converge)");
    }

    @Test
    void progress_lines_carry_the_environment_and_in_azure_devops_open_no_group() {
        EstateConsole pipeline = new EstateConsole(new ConsoleProgress(new PrintWriter(err), ticker, true), List.of("snd4", "prd1"));
        pipeline.started("snd4").stage("flux", "flux configuration 'flux-config'");
        ticker.sleep(Duration.ofSeconds(42));
        pipeline.started("prd1").warn("services: differs from the template");

        assertThat(err.toString()).isEqualTo("[00:00] snd4  flux          flux: flux configuration 'flux-config'\n"
                + "##vso[task.logissue type=warning]prd1: services: differs from the template\n");
    }
}
