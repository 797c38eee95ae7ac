package dev.portico.gateway.proxy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import dev.portico.gateway.filter.GatewayException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Maps what can go wrong talking to an upstream onto the status a client should see: timeouts are 504, refused,
 * reset or unreachable upstreams 502 (as are failed TLS handshakes), an exhausted connection pool 503. Other errors
 * pass unchanged.
 */
public final class ProxyErrors {

    private ProxyErrors() {
    }

    public static Throwable map(Throwable error, String upstream) {
        if (error instanceof GatewayException) {
            return error;
        }
        // pool exhaustion first: PoolAcquireTimeoutException is also a TimeoutException
        if (ReactorNettyErrors.poolExhausted(error)) {
            return new GatewayException(503, "Service Unavailable",
                    "no connection to upstream '" + upstream + "' became free in time", error);
        }
        if (error instanceof ReadTimeoutException || error instanceof TimeoutException) {
            return new GatewayException(504, "Gateway Timeout", "upstream '" + upstream + "' did not answer in time", error);
        }
        if (error instanceof ConnectTimeoutException) {
            return new GatewayException(504, "Gateway Timeout", "connecting to upstream '" + upstream + "' timed out", error);
        }
        if (error instanceof ConnectException || error instanceof UnknownHostException) {
            return new GatewayException(502, "Bad Gateway", "could not connect to upstream '" + upstream + "'", error);
        }
        if (tlsFailure(error)) {
            return new GatewayException(502, "Bad Gateway", "TLS with upstream '" + upstream + "' failed", error);
        }
        if (error instanceof PrematureCloseException || error instanceof IOException) {
            return new GatewayException(502, "Bad Gateway",
                    "upstream '" + upstream + "' closed the connection before a complete response", error);
        }
        return error;
    }

    /**
     * Whether a TLS handshake or record failed: an untrusted or misnamed certificate, a refused client certificate.
     * Netty's TLS handler reports some as they are and some wrapped in a {@code DecoderException}.
     */
    private static boolean tlsFailure(Throwable error) {
        return error instanceof SSLException
                || error instanceof DecoderException && error.getCause() instanceof SSLException;
    }
}
