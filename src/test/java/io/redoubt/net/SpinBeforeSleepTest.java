package io.redoubt.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The idle epoll loop's choice between polling and sleeping, driven by a poll that reports what is ready. */
class SpinBeforeSleepTest {
    private static final long SPIN = TimeUnit.MICROSECONDS.toNanos(200);

    /** A poll that finds nothing until the given call, counting its calls. */
    private static final class Poll implements IntSupplier {
        int calls;
        int readyAtCall = Integer.MAX_VALUE;

        @Override
        public int get() {
            calls++;
            return calls >= readyAtCall ? 3 : 0;
        }
    }

    @Test
    void readyEventsAndPendingTasksAreServedWithoutPolling() throws Exception {
        SpinBeforeSleep strategy = new SpinBeforeSleep(SPIN);
        Poll poll = new Poll();
        poll.readyAtCall = 1;
        assertThat(strategy.calculateStrategy(poll, false)).isEqualTo(3);
        assertThat(poll.calls).isEqualTo(1);
        Poll idle = new Poll();
        assertThat(strategy.calculateStrategy(idle, true)).isZero(); // tasks run now; nothing to wait for
        assertThat(idle.calls).isEqualTo(1);
    }

    @Test
    void workThatComesBackWhilePollingIsServedWithoutSleeping() throws Exception {
        SpinBeforeSleep strategy = new SpinBeforeSleep(TimeUnit.SECONDS.toNanos(10));
        Poll poll = new Poll();
        poll.readyAtCall = 50;
        assertThat(strategy.calculateStrategy(poll, false)).isEqualTo(3);
        assertThat(poll.calls).isEqualTo(50);
    }

    @Test
    void anIdleLoopPollsForItsBudgetThenSleepsAndPollsLessAndLessOften() throws Exception {
        SpinBeforeSleep strategy = new SpinBeforeSleep(SPIN);
        long start = System.nanoTime();
        Poll first = new Poll();
        assertThat(strategy.calculateStrategy(first, false)).isEqualTo(SelectStrategy.SELECT);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(SPIN);
        assertThat(first.calls).isGreaterThan(1);
        // after a miss: 1 idle period straight to sleep, then a poll; after a second miss 2, then 4, ...
        for (int skips = 1; skips <= 8; skips *= 2) {
            for (int i = 0; i < skips; i++) {
                Poll skipped = new Poll();
                assertThat(strategy.calculateStrategy(skipped, false)).isEqualTo(SelectStrategy.SELECT);
                assertThat(skipped.calls).as("idle period %d of %d sleeps without polling", i + 1, skips).isZero();
            }
            Poll polled = new Poll();
            assertThat(strategy.calculateStrategy(polled, false)).isEqualTo(SelectStrategy.SELECT);
            assertThat(polled.calls).isGreaterThan(1);
        }
    }

    @Test
    void aPollThatFindsWorkBringsPollingBackAtEveryIdlePeriod() throws Exception {
        SpinBeforeSleep strategy = new SpinBeforeSleep(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(strategy.calculateStrategy(new Poll(), false)).isEqualTo(SelectStrategy.SELECT); // a miss
        assertThat(strategy.calculateStrategy(new Poll(), false)).isEqualTo(SelectStrategy.SELECT); // skipped
        Poll hit = new Poll();
        hit.readyAtCall = 5;
        assertThat(strategy.calculateStrategy(hit, false)).isEqualTo(3);
        Poll next = new Poll();
        next.readyAtCall = 2;
        assertThat(strategy.calculateStrategy(next, false)).as("polled again at once").isEqualTo(3);
    }
}
