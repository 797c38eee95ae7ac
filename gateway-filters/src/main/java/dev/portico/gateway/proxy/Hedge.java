package dev.portico.gateway.proxy;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * A race of two attempts of one {@link ProxyCall}: the second starts after the hedging delay (or at once when the
 * first fails). The first to get response headers claims the exchange, and the other attempt is cancelled at that
 * moment (its connection closed). The race fails only when both attempts failed.
 */
final class Hedge {

    private final ProxyCall call;
    private final MonoSink<Void> sink;
    private final Duration delay;
    private final Disposable[] attempts = new Disposable[2];
    private final Attempt[] owners = new Attempt[2];
    private int launched;
    private int failures;
    private @Nullable Attempt winner;
    private @Nullable Disposable timer;

    private Hedge(ProxyCall call, MonoSink<Void> sink, Duration delay) {
        this.call = call;
        this.sink = sink;
        this.delay = delay;
    }

    /** The race as a {@code Mono}: it starts when subscribed. */
    static Mono<Void> race(ProxyCall call, Duration delay) {
        return Mono.create(sink -> new Hedge(call, sink, delay).start());
    }

    private void start() {
        this.sink.onCancel(this::cancelAll);
        launch();
        this.timer = Mono.delay(this.delay).subscribe(tick -> launch());
    }

    /** Starts the next attempt unless both started or one already won. */
    private void launch() {
        int slot;
        synchronized (this) {
            if (this.winner != null || this.launched == 2) {
                return;
            }
            slot = this.launched++;
        }
        Disposable subscription = this.call.attempt(this).subscribe(null, this::failed, () -> completed(slot));
        synchronized (this) {
            this.attempts[slot] = subscription;
        }
    }

    /** Called by the call with each attempt it starts in this race, in order. */
    synchronized void register(Attempt attempt) {
        this.owners[this.owners[0] == null ? 0 : 1] = attempt;
    }

    /** The first attempt to get response headers takes the exchange; the other is cancelled now. */
    boolean claim(Attempt attempt) {
        Disposable loser;
        synchronized (this) {
            if (this.winner != null) {
                return false;
            }
            this.winner = attempt;
            loser = this.owners[0] == attempt ? this.attempts[1] : this.attempts[0];
        }
        if (this.timer != null) {
            this.timer.dispose();
        }
        if (loser != null) {
            loser.dispose(); // a cancelled attempt signals nothing more
        }
        return true;
    }

    private void failed(Throwable error) {
        boolean retryNow;
        synchronized (this) {
            this.failures++;
            retryNow = this.winner == null && this.launched < 2;
            if (!retryNow && this.winner == null && this.failures < this.launched) {
                return; // the other attempt is still running
            }
        }
        if (retryNow) {
            if (this.timer != null) {
                this.timer.dispose();
            }
            launch(); // the first failed before the delay: hedge at once
            return;
        }
        this.sink.error(this.call.mapError(error));
    }

    private void completed(int slot) {
        synchronized (this) {
            if (this.winner == null || this.owners[slot] != this.winner) {
                return; // a loser that drained its response: the winner answers
            }
        }
        this.sink.success();
    }

    private void cancelAll() {
        if (this.timer != null) {
            this.timer.dispose();
        }
        for (Disposable attempt : this.attempts) {
            if (attempt != null) {
                attempt.dispose();
            }
        }
    }
}
