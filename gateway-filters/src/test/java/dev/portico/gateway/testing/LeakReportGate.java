package dev.portico.gateway.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty's leak detector (PARANOID in every test JVM, see the root pom) reported a leaked
 * buffer. Two halves: a Logback appender attached to {@code io.netty.util.ResourceLeakDetector} in
 * {@code logback-test.xml} collects reports; the JUnit extension (auto-registered through
 * {@code META-INF/services}) forces collection after each class, lets the detector report, and fails on any.
 */
public final class LeakReportGate extends AppenderBase<ILoggingEvent> implements AfterAllCallback {

    private static final List<String> REPORTS = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getFormattedMessage().contains("LEAK:")) {
            REPORTS.add(event.getFormattedMessage());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // The detector reports a leak when a tracked buffer was collected unreleased and a later allocation polls.
        for (int round = 0; round < 3; round++) {
            System.gc();
            System.runFinalization();
            for (int i = 0; i < 64; i++) {
                ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(16);
                buf.release();
            }
        }
        if (!REPORTS.isEmpty()) {
            String first = REPORTS.get(0);
            int count = REPORTS.size();
            REPORTS.clear();
            throw new AssertionError(count + " Netty LEAK report(s) during " + context.getDisplayName() + ":\n" + first);
        }
    }
}
