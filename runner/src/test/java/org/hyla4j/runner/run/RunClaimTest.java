package org.hyla4j.runner.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.hyla4j.runner.base.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claim of a run directory: exclusive, released on close, refused with the owner named, taken over when abandoned. */
class RunClaimTest {

    @Test
    void aSecondClaimIsRefusedNamingTheOwnerUntilTheFirstIsReleased(@TempDir Path dir) {
        try (RunClaim first = RunClaim.acquire(dir, Duration.ZERO)) {
            RunClaim.Owner o = RunClaim.owner(dir);
            assertThat(o.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(o.live()).isTrue();
            assertThatThrownBy(() -> RunClaim.acquire(dir, Duration.ZERO)).isInstanceOf(UsageException.class)
                    .hasMessageContaining("is in use by").hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .hasMessageContaining("since " + o.since());
        }
        assertThat(dir.resolve(RunClaim.FILE)).doesNotExist();
        try (RunClaim again = RunClaim.acquire(dir, Duration.ZERO)) {
            assertThat(RunClaim.owner(dir)).isNotNull();
        }
    }

    @Test
    void aWaitingClaimGetsTheDirectoryWhenTheOwnerReleasesIt(@TempDir Path dir) throws Exception {
        RunClaim first = RunClaim.acquire(dir, Duration.ZERO);
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            first.close();
        });
        releaser.start();
        long t0 = System.nanoTime();
        try (RunClaim second = RunClaim.acquire(dir, Duration.ofSeconds(30))) {
            assertThat((System.nanoTime() - t0) / 1e9).isGreaterThan(0.5).isLessThan(20);
        }
        releaser.join();
    }

    @Test
    void anAbandonedClaimIsTakenOverAndTheOldOwnerNoLongerReleasesIt(@TempDir Path dir) throws Exception {
        RunClaim dead = RunClaim.acquire(dir, Duration.ZERO);
        // its heartbeat stopped long ago: older than the stale limit
        Files.setLastModifiedTime(dir.resolve(RunClaim.FILE), FileTime.from(Instant.now().minus(RunClaim.staleAfter()).minusSeconds(5)));
        assertThat(RunClaim.owner(dir).live()).isFalse();
        try (RunClaim next = RunClaim.acquire(dir, Duration.ZERO)) {
            dead.close(); // the old owner wakes up: it must not delete the new owner's claim
            assertThat(dir.resolve(RunClaim.FILE)).exists();
            assertThat(RunClaim.owner(dir).live()).isTrue();
        }
    }

    @Test
    void aClaimOfAProcessOfThisHostThatNoLongerExistsIsTakenOverAtOnce(@TempDir Path dir) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String host = java.net.InetAddress.getLocalHost().getHostName();
        Files.writeString(dir.resolve(RunClaim.FILE), "{\"host\": \"" + host + "\", \"pid\": " + gone.pid() + ", \"since\": \"x\", \"token\": \"t\"}");
        assertThat(RunClaim.owner(dir).live()).isFalse(); // its heartbeat is fresh, but its process is gone
        try (RunClaim next = RunClaim.acquire(dir, Duration.ZERO)) {
            assertThat(RunClaim.owner(dir).pid()).isEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void anOwnerWhoseClaimWasTakenOverIsToldToStop(@TempDir Path dir) throws Exception {
        System.setProperty("hyla4j.claim.staleSeconds", "4"); // a heartbeat every second
        try {
            CountDownLatch lost = new CountDownLatch(1);
            try (RunClaim mine = RunClaim.acquire(dir, Duration.ZERO).onLost(lost::countDown)) {
                Files.writeString(dir.resolve(RunClaim.FILE), "{\"host\": \"elsewhere\", \"pid\": 1, \"token\": \"theirs\"}");
                assertThat(lost.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            }
            assertThat(RunClaim.owner(dir).host()).isEqualTo("elsewhere"); // closing did not delete the new owner's claim
        } finally {
            System.clearProperty("hyla4j.claim.staleSeconds");
        }
    }

    @Test
    void ofManyContendersExactlyOneHoldsTheClaim(@TempDir Path dir) throws Exception {
        int n = 8;
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger won = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<RunClaim> held = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    held.add(RunClaim.acquire(dir, Duration.ZERO));
                    won.incrementAndGet();
                } catch (org.hyla4j.api.InvalidSettingException e) {
                    refused.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(won.get()).isEqualTo(1);
        assertThat(refused.get()).isEqualTo(n - 1);
        held.forEach(RunClaim::close);
    }
}
