package dev.portico.gateway.proxy;

import dev.portico.gateway.filter.GatewayException;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Enforces a request body limit while the body streams: a declared {@code Content-Length} over the limit is refused
 * before anything is sent, and a chunked body fails with 413 on the buffer that crosses the limit (which is
 * released). Nothing is buffered.
 */
public final class BodyLimit {

    private BodyLimit() {
    }

    /** The request's declared {@code Content-Length}, or -1 when absent or unparsable. */
    public static long declaredLength(HttpHeaders headers) {
        String value = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        }
        catch (NumberFormatException ex) {
            return -1; // Netty's decoder has already rejected malformed lengths
        }
    }

    public static Publisher<ByteBuf> limit(Publisher<ByteBuf> body, long max) {
        return Flux.defer(() -> {
            long[] seen = new long[1];
            return Flux.from(body).handle((buf, sink) -> {
                seen[0] += buf.readableBytes();
                if (seen[0] > max) {
                    buf.release();
                    sink.error(GatewayException.contentTooLarge(max));
                }
                else {
                    sink.next(buf);
                }
            });
        });
    }
}
