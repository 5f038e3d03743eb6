package io.aksflux.emulator;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The emulator accepts any token, so it listens on loopback only unless asked for another address. */
class EmulatorBindingTest {

    private static boolean accepts(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void by_default_it_listens_on_127_0_0_1_only() {
        try (ArmEmulator emulator = ArmEmulator.start()) {
            assertThat(accepts("127.0.0.1", emulator.port())).isTrue();
            // on Linux all of 127/8 is this machine: an emulator on every interface would accept here too
            assertThat(accepts("127.0.0.2", emulator.port())).isFalse();
        }
    }

    @Test
    void asked_for_every_interface_it_listens_there() {
        try (ArmEmulator emulator = ArmEmulator.start(EmulatorOptions.defaults().withBindAddress("0.0.0.0"))) {
            assertThat(accepts("127.0.0.2", emulator.port())).isTrue();
        }
    }

    @Test
    void a_port_in_use_is_refused_with_its_number() {
        try (ArmEmulator first = ArmEmulator.start()) {
            assertThatThrownBy(() -> ArmEmulator.start(EmulatorOptions.defaults().withPort(first.port())))
                    .isInstanceOf(ArmEmulator.PortInUseException.class)
                    .hasMessage("port " + first.port() + " on 127.0.0.1 is in use (or that address is not this machine's)");
        }
    }
}
