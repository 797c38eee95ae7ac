package dev.portico.gateway.filter;

/** Attribute keys the gateway itself defines, for filters to share. */
public final class GatewayAttributes {

    /**
     * The authenticated consumer (API key owner, JWT subject) once an authentication filter has identified it; used by
     * access control, consistent hashing, rate limiting and logs.
     */
    public static final AttributeKey<Consumer> CONSUMER = AttributeKey.of("portico.consumer", Consumer.class);

    private GatewayAttributes() {
    }
}
