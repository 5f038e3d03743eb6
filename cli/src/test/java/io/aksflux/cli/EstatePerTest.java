package io.aksflux.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A fresh {@link Estate} for each test: its own emulator, clock and repositories. */
abstract class EstatePerTest {
    @TempDir
    Path dir;
    Estate estate;

    @BeforeEach
    void startEstate() {
        estate = newEstate(dir);
    }

    /** 30 s operations and 45 s reconcile steps; a class that needs another pace says so here. */
    Estate newEstate(Path dir) {
        return new Estate(dir);
    }

    @AfterEach
    void stopEstate() {
        estate.close();
    }
}
