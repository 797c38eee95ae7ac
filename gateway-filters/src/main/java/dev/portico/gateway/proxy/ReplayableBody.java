package dev.portico.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A request body that can be sent more than once, for retries. The first attempt streams the client's body and keeps
 * a reference-counted slice of each buffer (no copy) while the total stays within the limit; a retry sends the kept
 * bytes. If the body outgrows the limit, or an attempt failed before the body ended, the body is not replayable and
 * the request is not retried after it started to send. A body that was never read (the first attempt could not
 * connect) is simply sent by the next attempt.
 *
 * <p>Not thread-safe beyond what attempts need: one attempt sends at a time. {@link #release()} must be called once
 * the exchange ends.
 */
final class ReplayableBody {

    private final Publisher<ByteBuf> source;
    private final long maxBytes;
    private @Nullable CompositeByteBuf kept;
    private volatile boolean subscribed;
    private volatile boolean complete;
    private volatile boolean overflow;
    private volatile boolean released;
    private final Sinks.One<Boolean> settled = Sinks.one();

    ReplayableBody(Publisher<ByteBuf> source, long maxBytes) {
        this.source = source;
        this.maxBytes = maxBytes;
    }

    /** The body for the next attempt. */
    Publisher<ByteBuf> next() {
        if (!this.subscribed) {
            return Flux.from(this.source)
                    .doOnSubscribe(s -> this.subscribed = true)
                    .doOnNext(this::keep)
                    .doOnComplete(() -> {
                        this.complete = true;
                        this.settled.tryEmitValue(!this.overflow);
                    })
                    .doOnError(error -> this.settled.tryEmitValue(false));
        }
        CompositeByteBuf buffer = this.kept;
        return buffer == null ? Flux.empty() : Mono.fromSupplier(buffer::retainedDuplicate);
    }

    /** Whether another attempt can send the whole body. */
    boolean replayable() {
        return !this.subscribed || (this.complete && !this.overflow);
    }

    /** Whether the body is still streaming within the limit: {@link #replayable()} may yet become true. */
    boolean settling() {
        return this.subscribed && !this.complete && !this.overflow;
    }

    /**
     * Emits whether the body became replayable once it has finished streaming or outgrown the limit. An upstream
     * response can be handled on another event loop a moment before the client body's end is, so a retry decision
     * waits for this instead of reading a stale flag.
     */
    Mono<Boolean> settled() {
        return this.replayable() ? Mono.just(true) : this.overflow ? Mono.just(false) : this.settled.asMono();
    }

    private synchronized void keep(ByteBuf buf) {
        if (this.overflow || this.released) {
            return;
        }
        CompositeByteBuf buffer = this.kept;
        long size = buffer == null ? 0 : buffer.readableBytes();
        if (size + buf.readableBytes() > this.maxBytes) {
            this.overflow = true;
            this.settled.tryEmitValue(false);
            if (buffer != null) {
                buffer.release();
                this.kept = null;
            }
            return;
        }
        if (buffer == null) {
            buffer = ByteBufAllocator.DEFAULT.compositeBuffer(64);
            this.kept = buffer;
        }
        buffer.addComponent(true, buf.retainedSlice());
    }

    synchronized void release() {
        this.released = true;
        if (this.kept != null) {
            this.kept.release();
            this.kept = null;
        }
    }
}
