package dev.portico.gateway.proxy;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import dev.portico.gateway.filter.GatewayException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.Test;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyErrorsTest {

    private static int status(Throwable error) {
        Throwable mapped = ProxyErrors.map(error, "users");
        assertThat(mapped).isInstanceOf(GatewayException.class);
        assertThat(mapped.getMessage()).contains("'users'");
        return ((GatewayException) mapped).status();
    }

    @Test
    void exhaustedPoolIsA503EvenThoughItIsATimeout() {
        assertThat(new PoolAcquireTimeoutException(Duration.ofSeconds(1))).isInstanceOf(TimeoutException.class);
        assertThat(status(new PoolAcquireTimeoutException(Duration.ofSeconds(1)))).isEqualTo(503);
        assertThat(status(new PoolAcquirePendingLimitException(10))).isEqualTo(503);
    }

    @Test
    void timeoutsAre504() {
        assertThat(status(ReadTimeoutException.INSTANCE)).isEqualTo(504);
        assertThat(status(new ConnectTimeoutException("connect timed out"))).isEqualTo(504);
        assertThat(status(new TimeoutException())).isEqualTo(504);
    }

    @Test
    void refusedAndBrokenConnectionsAre502() {
        assertThat(status(new ConnectException("refused"))).isEqualTo(502);
        assertThat(status(new IOException("reset by peer"))).isEqualTo(502);
    }

    @Test
    void otherErrorsPassUnchanged() {
        IllegalStateException bug = new IllegalStateException("bug");
        assertThat(ProxyErrors.map(bug, "users")).isSameAs(bug);
        GatewayException already = new GatewayException(413, "Content Too Large", null);
        assertThat(ProxyErrors.map(already, "users")).isSameAs(already);
    }
}
