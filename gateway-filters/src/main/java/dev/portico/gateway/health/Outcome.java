package dev.portico.gateway.health;

/**
 * The result of one attempt to an endpoint, as passive health checking ({@link OutlierDetector}) counts it. The rule
 * is fixed: any 5xx response, a connect failure, a connection reset and a timeout waiting for the endpoint are
 * {@link #FAILURE}s; 2xx, 3xx and 4xx responses (the endpoint answered, the client may be wrong) are
 * {@link #SUCCESS}es. Conditions that say nothing about the endpoint (the client cancelled, the gateway's own
 * connection pool was exhausted) are not outcomes: don't record them.
 */
public enum Outcome {

    /** The endpoint answered with a status below 500. */
    SUCCESS,

    /** A 5xx response, a connect failure, a reset or a timeout. */
    FAILURE;

    /** The outcome of a response with {@code status}: 5xx (and anything above) is a failure. */
    public static Outcome ofStatus(int status) {
        return status >= 500 ? FAILURE : SUCCESS;
    }
}
