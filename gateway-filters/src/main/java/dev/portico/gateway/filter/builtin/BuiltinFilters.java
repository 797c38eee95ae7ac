package dev.portico.gateway.filter.builtin;

import java.util.List;

import dev.portico.gateway.filter.GatewayFilterFactory;

/**
 * The factories of all built-in filters, for whoever turns YAML {@code filters:} entries into filters (the Boot
 * auto-configuration registers these next to the application's own factories; names must stay unique across both).
 * See {@code docs/filters/README.md} for the list.
 */
public final class BuiltinFilters {

    private BuiltinFilters() {
    }

    /** A new list of one factory per built-in filter, each with a distinct {@link GatewayFilterFactory#name()}. */
    public static List<GatewayFilterFactory<?>> factories() {
        return List.of(
                new StripPrefixFilter.Factory(),
                new PrefixPathFilter.Factory(),
                new RewritePathFilter.Factory(),
                new SetPathFilter.Factory(),
                new RequestHeaderFilter.AddFactory(),
                new RequestHeaderFilter.SetFactory(),
                new RemoveRequestHeaderFilter.Factory(),
                new ResponseHeaderFilter.AddFactory(),
                new ResponseHeaderFilter.SetFactory(),
                new RemoveResponseHeaderFilter.Factory(),
                new AddQueryParameterFilter.Factory(),
                new RemoveQueryParameterFilter.Factory(),
                new SetStatusFilter.Factory(),
                new RedirectFilter.Factory(),
                new RequestSizeFilter.Factory(),
                new PreserveHostFilter.Factory());
    }
}
