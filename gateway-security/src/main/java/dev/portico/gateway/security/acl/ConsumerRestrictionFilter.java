package dev.portico.gateway.security.acl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.portico.gateway.filter.AbstractFilterFactory;
import dev.portico.gateway.filter.Consumer;
import dev.portico.gateway.filter.GatewayAttributes;
import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.InlineFilter;
import dev.portico.gateway.security.SecurityOrder;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;

/**
 * Lets only some consumers use a route: allow and deny lists of consumer ids and of groups. It runs after
 * authentication ({@link SecurityOrder#AUTHORIZATION}, whatever the declaration order) and reads
 * {@link GatewayAttributes#CONSUMER}:
 * <ul>
 * <li>no consumer (the route has no authentication filter, or it ran after this one): 401;</li>
 * <li>the consumer's id is in {@code deny}, or one of its groups in {@code deny-groups}: 403;</li>
 * <li>an allow list is given and neither the id is in {@code allow} nor a group in {@code allow-groups}: 403;</li>
 * <li>otherwise the request continues.</li>
 * </ul>
 * Deny wins over allow. With only deny lists, everyone else is allowed.
 *
 * <pre>{@code
 * Route.builder("admin").match(m -> m.path("/admin/**")).uri("http://127.0.0.1:9001")
 *         .filter(KeyAuthFilter.of(store))
 *         .filter(ConsumerRestrictionFilter.builder().allowGroups("admins").deny("intern-bot").build())
 *         .build();
 * }</pre>
 */
public final class ConsumerRestrictionFilter implements InlineFilter, Ordered {

    /** The YAML name. */
    public static final String NAME = "consumer-restriction";

    private static final GatewayException UNAUTHENTICATED = new GatewayException(401, "Unauthorized",
            "authentication is required");

    private static final GatewayException FORBIDDEN = new GatewayException(403, "Forbidden",
            "the consumer may not use this route");

    private final Set<String> allow;
    private final Set<String> deny;
    private final String[] allowGroups;
    private final String[] denyGroups;
    private final boolean allowListed;

    private ConsumerRestrictionFilter(List<String> allow, List<String> deny, List<String> allowGroups,
            List<String> denyGroups) {
        this.allow = checked("allow", allow);
        this.deny = checked("deny", deny);
        Set<String> allowGroupSet = checked("allow-groups", allowGroups);
        Set<String> denyGroupSet = checked("deny-groups", denyGroups);
        if (this.allow.isEmpty() && this.deny.isEmpty() && allowGroupSet.isEmpty() && denyGroupSet.isEmpty()) {
            throw new IllegalArgumentException("allow: [] (expected: at least one of allow, allow-groups, deny,"
                    + " deny-groups)");
        }
        overlap("deny", this.allow, this.deny);
        overlap("deny-groups", allowGroupSet, denyGroupSet);
        this.allowGroups = allowGroupSet.toArray(String[]::new);
        this.denyGroups = denyGroupSet.toArray(String[]::new);
        this.allowListed = !this.allow.isEmpty() || this.allowGroups.length > 0;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void apply(GatewayExchange exchange) {
        Consumer consumer = exchange.attr(GatewayAttributes.CONSUMER);
        if (consumer == null) {
            throw UNAUTHENTICATED;
        }
        if (this.deny.contains(consumer.id()) || anyOf(consumer.groups(), this.denyGroups)) {
            throw FORBIDDEN;
        }
        if (this.allowListed && !this.allow.contains(consumer.id()) && !anyOf(consumer.groups(), this.allowGroups)) {
            throw FORBIDDEN;
        }
    }

    private static boolean anyOf(Set<String> groups, String[] listed) {
        if (groups.isEmpty()) {
            return false;
        }
        for (String group : listed) {
            if (groups.contains(group)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return SecurityOrder.AUTHORIZATION;
    }

    @Override
    public String toString() {
        return "ConsumerRestrictionFilter[allow=" + this.allow + ", allow-groups=" + List.of(this.allowGroups)
                + ", deny=" + this.deny + ", deny-groups=" + List.of(this.denyGroups) + "]";
    }

    private static Set<String> checked(String property, @Nullable List<String> values) {
        Set<String> set = new LinkedHashSet<>();
        List<String> given = values == null ? List.of() : values;
        for (int i = 0; i < given.size(); i++) {
            String value = given.get(i);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(property + "[" + i + "]: " + (value == null ? "null" : "'" + value + "'")
                        + " (expected: a consumer id or group name)");
            }
            set.add(value);
        }
        return Set.copyOf(set);
    }

    private static void overlap(String property, Set<String> allowed, Set<String> denied) {
        for (String value : denied) {
            if (allowed.contains(value)) {
                throw new IllegalArgumentException(property + ": '" + value + "' is also allowed"
                        + " (expected: a name in either the allow or the deny list)");
            }
        }
    }

    /** Builds a {@link ConsumerRestrictionFilter}. */
    public static final class Builder {

        private final List<String> allow = new ArrayList<>();
        private final List<String> deny = new ArrayList<>();
        private final List<String> allowGroups = new ArrayList<>();
        private final List<String> denyGroups = new ArrayList<>();

        private Builder() {
        }

        public Builder allow(String... consumerIds) {
            this.allow.addAll(List.of(consumerIds));
            return this;
        }

        public Builder deny(String... consumerIds) {
            this.deny.addAll(List.of(consumerIds));
            return this;
        }

        public Builder allowGroups(String... groups) {
            this.allowGroups.addAll(List.of(groups));
            return this;
        }

        public Builder denyGroups(String... groups) {
            this.denyGroups.addAll(List.of(groups));
            return this;
        }

        public ConsumerRestrictionFilter build() {
            return new ConsumerRestrictionFilter(this.allow, this.deny, this.allowGroups, this.denyGroups);
        }
    }

    /** Makes {@code consumer-restriction} filters: {@code - consumer-restriction: { allow-groups: [partners] }}. */
    public static final class Factory extends AbstractFilterFactory<Factory.Config> {

        public Factory() {
            super(NAME, Config.class, "allow");
        }

        @Override
        public GatewayFilter create(Config config) {
            return new ConsumerRestrictionFilter(config.getAllow(), config.getDeny(), config.getAllowGroups(),
                    config.getDenyGroups());
        }

        /** Configuration of {@code consumer-restriction}. */
        public static class Config {

            /** Consumer ids allowed on the route; with an allow list, every other consumer is refused. */
            private List<String> allow = new ArrayList<>();

            /** Groups whose members are allowed on the route. */
            private List<String> allowGroups = new ArrayList<>();

            /** Consumer ids refused on the route (403), even when allowed by group. */
            private List<String> deny = new ArrayList<>();

            /** Groups whose members are refused on the route (403), even when allowed by id. */
            private List<String> denyGroups = new ArrayList<>();

            public List<String> getAllow() {
                return this.allow;
            }

            public void setAllow(List<String> allow) {
                this.allow = allow;
            }

            public List<String> getAllowGroups() {
                return this.allowGroups;
            }

            public void setAllowGroups(List<String> allowGroups) {
                this.allowGroups = allowGroups;
            }

            public List<String> getDeny() {
                return this.deny;
            }

            public void setDeny(List<String> deny) {
                this.deny = deny;
            }

            public List<String> getDenyGroups() {
                return this.denyGroups;
            }

            public void setDenyGroups(List<String> denyGroups) {
                this.denyGroups = denyGroups;
            }
        }
    }
}
