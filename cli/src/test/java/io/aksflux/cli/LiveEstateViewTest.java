package io.aksflux.cli;

import io.aksflux.apply.ApplyResult;
import io.aksflux.apply.ProvisioningFailedException;
import io.aksflux.base.Progress;
import io.aksflux.engine.EstateResult;
import io.aksflux.support.SimulatedTicker;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The live console of an estate apply on a terminal: one line per environment, redrawn in place, never wrapping. */
class LiveEstateViewTest {
    private final StringWriter written = new StringWriter();
    private final SimulatedTicker ticker = new SimulatedTicker();

    private LiveEstateView view(int width, String... environments) {
        return new LiveEstateView(new PrintWriter(written, true), ticker, width, List.of(environments));
    }

    @Test
    void after_events_the_screen_shows_one_line_per_environment_with_its_stage_time_and_last_message() {
        LiveEstateView view = view(100, "snd4", "prd1", "tst2");
        Progress snd4 = view.started("snd4");
        snd4.stage("flux", "flux configuration 'flux-config'");
        ticker.sleep(Duration.ofSeconds(1));
        Progress prd1 = view.started("prd1");
        ticker.sleep(Duration.ofSeconds(71));
        snd4.info("waiting for flux configuration flux-config (Creating)");

        assertThat(Screen.of(written.toString())).containsExactly(
                "snd4  flux          01:12  waiting for flux configuration flux-config (Creating)",
                "prd1  start         01:11  ",
                "tst2  waiting         -    ");
        ticker.sleep(LiveEstateView.FRAME);
        prd1.stage("seed", "Git repositories");
        assertThat(Screen.of(written.toString())).as("redrawn in place").hasSize(3)
                .element(1).isEqualTo("prd1  seed          01:11  Git repositories");
    }

    @Test
    void events_closer_than_a_frame_wait_for_the_next_redraw_and_a_finish_always_draws() {
        LiveEstateView view = view(100, "snd4", "prd1");
        Progress snd4 = view.started("snd4");
        snd4.stage("extension", "extension 'flux'");
        int draws = frames();
        snd4.info("extension flux: creating");
        snd4.info("waiting for extension flux (Creating)");

        assertThat(frames()).as("no redraw within %s", LiveEstateView.FRAME).isEqualTo(draws);
        ticker.sleep(LiveEstateView.FRAME);
        snd4.info("extension flux: Succeeded");
        assertThat(frames()).isEqualTo(draws + 1);
        assertThat(Screen.of(written.toString()).get(0)).endsWith("extension flux: Succeeded");

        view.started("prd1"); // within the frame: not drawn yet
        view.finished(EstateResult.Entry.failed("prd1", new ProvisioningFailedException("cluster prd1 is Stopped; start it first"),
                Duration.ZERO));
        view.finished(EstateResult.Entry.applied(new ApplyResult("snd4", ApplyResult.Outcome.CONVERGED, List.of(), List.of()), Duration.ZERO));
        assertThat(Screen.of(written.toString())).containsExactly(
                "snd4  converged     00:00  ",
                "prd1  FAILED        00:00  cluster prd1 is Stopped; start it first");
    }

    @Test
    void lines_longer_than_the_terminal_are_cut_and_messages_cannot_move_the_cursor() {
        LiveEstateView view = view(40, "snd4");
        Progress snd4 = view.started("snd4");
        ticker.sleep(LiveEstateView.FRAME);
        snd4.info("a very long message that goes on well past forty columns \u001B[2J\nand a second line");

        List<String> screen = Screen.of(written.toString());
        assertThat(screen).hasSize(1);
        assertThat(screen.get(0)).hasSize(40).startsWith("snd4  start         00:00  a very long").endsWith("…");
        assertThat(written.toString().replaceAll("\u001B\\[(\\d+A|2K)", "")).doesNotContain("\u001B");
    }

    @Test
    void interrupting_names_the_environments_still_running_and_their_stage() {
        LiveEstateView view = view(100, "snd4", "prd1", "tst2");
        view.started("snd4").stage("flux", "flux configuration 'flux-config'");
        view.started("prd1").stage("converge", "waiting");
        view.finished(EstateResult.Entry.failed("prd1", new IllegalStateException("boom"), Duration.ZERO));

        assertThat(view.running()).isEqualTo("while applying snd4 (flux)");
    }

    /** The first frame, then one per move back to its top. */
    private int frames() {
        return written.toString().isEmpty() ? 0 : 1 + (int) Pattern.compile("\u001B\\[\\d+A").matcher(written.toString()).results().count();
    }

    /** A terminal of just what this view uses: text, carriage return, line feed, cursor up, erase line. */
    static final class Screen {
        private static final Pattern TOKEN = Pattern.compile("\u001B\\[(\\d+)A|\u001B\\[2K|\r|\n|[^\u001B\r\n]+");

        static List<String> of(String output) {
            List<StringBuilder> rows = new ArrayList<>(List.of(new StringBuilder()));
            int row = 0;
            int column = 0;
            Matcher m = TOKEN.matcher(output);
            while (m.find()) {
                String token = m.group();
                if (m.group(1) != null) {
                    row = Math.max(0, row - Integer.parseInt(m.group(1)));
                } else if (token.equals("\u001B[2K")) {
                    rows.get(row).setLength(0);
                } else if (token.equals("\r")) {
                    column = 0;
                } else if (token.equals("\n")) {
                    row++;
                    column = 0;
                    if (row == rows.size()) {
                        rows.add(new StringBuilder());
                    }
                } else {
                    StringBuilder line = rows.get(row);
                    line.setLength(Math.min(line.length(), column));
                    line.append(token);
                    column += token.length();
                }
            }
            List<String> screen = rows.stream().map(StringBuilder::toString).toList();
            return screen.get(screen.size() - 1).isEmpty() ? screen.subList(0, screen.size() - 1) : screen;
        }
    }
}
