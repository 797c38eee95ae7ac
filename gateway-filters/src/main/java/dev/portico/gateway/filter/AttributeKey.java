package dev.portico.gateway.filter;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A typed key for per-request state on a {@link GatewayExchange}: {@code exchange.attr(KEY)} returns a {@code T},
 * no casts and no string keys. Declare keys as constants; each gets a small index into the exchange's array.
 */
public final class AttributeKey<T> {

    private static final AtomicInteger NEXT_INDEX = new AtomicInteger();

    private final String name;
    private final Class<T> type;
    final int index;

    private AttributeKey(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.index = NEXT_INDEX.getAndIncrement();
    }

    public static <T> AttributeKey<T> of(String name, Class<T> type) {
        return new AttributeKey<>(name, type);
    }

    public String name() {
        return this.name;
    }

    public Class<T> type() {
        return this.type;
    }

    static int count() {
        return NEXT_INDEX.get();
    }

    @Override
    public String toString() {
        return "AttributeKey[" + this.name + ": " + this.type.getSimpleName() + "]";
    }
}
