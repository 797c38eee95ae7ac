package dev.portico.gateway.autoconfigure;

import java.util.List;

import dev.portico.gateway.filter.GatewayFilterFactory;

/**
 * Filter factories contributed by an optional module as one bean, so that a module with many filters adds one bean
 * rather than one per filter. {@code FilterFactories} collects them beside single {@code GatewayFilterFactory} beans.
 *
 * @param factories the factories, each with a unique name
 */
public record FilterFactoryBundle(List<GatewayFilterFactory<?>> factories) {

    public FilterFactoryBundle {
        factories = List.copyOf(factories);
    }
}
