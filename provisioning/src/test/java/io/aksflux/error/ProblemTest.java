package io.aksflux.error;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A quoted value can never act on the terminal that shows the message. */
class ProblemTest {

    @Test
    void quote_escapes_control_characters_by_their_usual_names() {
        assertThat(Problem.quote("a\nb\r\t\u0000\u001b[31m\u0007\b\f\u000b")).isEqualTo("'a\\nb\\r\\t\\0\\e[31m\\a\\b\\f\\v'");
    }

    @Test
    void quote_escapes_invisible_formatting_and_line_separators_as_code_points() {
        assertThat(Problem.quote("abc\u202edef\u2028\u200b\u0085")).isEqualTo("'abc\\u202Edef\\u2028\\u200B\\u0085'");
    }

    @Test
    void quote_keeps_printable_text_of_any_script_as_it_is() {
        assertThat(Problem.quote("café 编辑 😀 'x'")).isEqualTo("'café 编辑 😀 'x''");
    }

    @Test
    void quote_cuts_a_long_value_and_says_how_long_it_was() {
        assertThat(Problem.quote("x".repeat(81))).isEqualTo("'" + "x".repeat(80) + "…' (81 characters)");
        assertThat(Problem.quote("x".repeat(80))).isEqualTo("'" + "x".repeat(80) + "'");
    }

    @Test
    void escaping_twice_changes_nothing() {
        String once = Problem.inert("a\u001b[2J\n");

        assertThat(Problem.inert(once)).isEqualTo(once).isEqualTo("a\\e[2J\\n");
    }

    @Test
    void a_field_is_kept_inert_too() {
        assertThat(new Problem(null, "flux.\u001b[2J", "m").render()).isEqualTo("flux.\\e[2J: m");
    }
}
