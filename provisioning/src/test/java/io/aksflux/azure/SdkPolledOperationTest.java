package io.aksflux.azure;

import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.aksflux.base.Waiter;
import io.aksflux.arm.ArmOperation;
import io.aksflux.support.RecordingProgress;
import io.aksflux.support.SimulatedTicker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A typed client's SDK poller goes through the same bounded, paced wait as every REST poll. */
class SdkPolledOperationTest {
    private final SimulatedTicker ticker = new SimulatedTicker();

    @Test
    void an_sdk_poller_answering_retry_after_zero_is_polled_at_the_floor_until_it_succeeds() {
        AtomicInteger polls = new AtomicInteger();
        SyncPoller<String, String> poller = SyncPoller.createPoller(Duration.ofSeconds(30),
                context -> new PollResponse<>(LongRunningOperationStatus.NOT_STARTED, "started", Duration.ZERO),
                context -> polls.incrementAndGet() < 60
                        ? new PollResponse<>(LongRunningOperationStatus.IN_PROGRESS, "running", Duration.ZERO)
                        : new PollResponse<>(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED, "done"),
                (context, response) -> "canceled", context -> "exit 0");

        ArmOperation.OperationStatus status = new Waiter(ticker.pacing(), new RecordingProgress()).await("the command", Duration.ofMinutes(5),
                new SdkPolledOperation<>(poller, r -> JsonNodeFactory.instance.objectNode().put("logs", r))::nextPoll);

        assertThat(status.state()).isEqualTo(ArmOperation.State.SUCCEEDED);
        assertThat(status.result().path("logs").asText()).isEqualTo("exit 0");
        assertThat(polls).hasValue(60);
        assertThat(ticker.slept()).isEqualTo(Duration.ofSeconds(59));
    }

    @Test
    void the_first_poll_waits_the_retry_after_of_the_answer_that_started_the_operation() {
        AtomicInteger polls = new AtomicInteger();
        SyncPoller<String, String> poller = SyncPoller.createPoller(Duration.ofSeconds(30),
                context -> new PollResponse<>(LongRunningOperationStatus.NOT_STARTED, "started", Duration.ofSeconds(15)),
                context -> polls.incrementAndGet() < 2
                        ? new PollResponse<>(LongRunningOperationStatus.IN_PROGRESS, "running", Duration.ofSeconds(15))
                        : new PollResponse<>(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED, "done"),
                (context, response) -> "canceled", context -> "exit 0");
        SdkPolledOperation<String, String> operation = new SdkPolledOperation<>(poller,
                r -> JsonNodeFactory.instance.objectNode().put("logs", r), Optional.of(Duration.ofSeconds(15)));
        RecordingProgress progress = new RecordingProgress();

        new Waiter(ticker.pacing(), progress).await("the command", Duration.ofMinutes(5), operation.retryAfter(), operation::nextPoll);

        assertThat(polls).hasValue(2); // at 15 s and 30 s, none at once
        assertThat(ticker.slept()).isEqualTo(Duration.ofSeconds(30));
        assertThat(progress.lines()).containsExactly("waiting for the command (Accepted)", "still waiting for the command (IN_PROGRESS, 30s of 5m)");
    }
}
