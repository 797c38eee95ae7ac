package dev.portico.gateway.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.portico.gateway.filter.RequestView;
import dev.portico.gateway.internal.SegmentMap;
import org.jspecify.annotations.Nullable;

/**
 * Routes compiled once into an immutable lookup structure. Path templates go into a trie of segments; each node
 * holds the routes whose template ends there ({@code exact}) or ends there with {@code /**} ({@code prefix}):
 *
 * <pre>
 *   root
 *    └─ "api"
 *        ├─ "users"  prefix: [users-all (/api/users/**)]
 *        │    ├─ "me"   exact: [me (/api/users/me)]
 *        │    └─ {any}  exact: [user-by-id (/api/users/{id})]
 *        └─ {any}
 *             └─ "health" exact: [svc-health (/api/{svc}/health)]
 * </pre>
 *
 * Every route has a global rank (order, then path specificity, then declaration order; see {@link Route}). A lookup
 * walks only the branches that match the request path and keeps the best-ranked route whose other conditions hold;
 * a subtree whose best rank cannot beat the current candidate is skipped. Routes with a regex path or no path sit in
 * one rank-ordered list checked after the trie. Lookup cost therefore grows with path depth, not route count, and
 * allocates nothing.
 *
 * @param <T> what the caller compiled each route into (its filter chain and upstream client, say)
 */
public final class RouteTable<T> {

    private final Node<T> root;
    private final Entry<T>[] unrouted;
    private final List<Entry<T>> entries;

    private RouteTable(Node<T> root, Entry<T>[] unrouted, List<Entry<T>> entries) {
        this.root = root;
        this.unrouted = unrouted;
        this.entries = entries;
    }

    /** A table with no routes. */
    public static <T> RouteTable<T> empty() {
        return compile(List.of(), route -> {
            throw new IllegalStateException();
        });
    }

    /**
     * Compiles routes, in declaration order.
     * @param compiler turns each route into the value a lookup returns; called once per route, in precedence order
     * @throws RouteDefinitionException for duplicate route ids
     */
    public static <T> RouteTable<T> compile(List<Route> routes, Function<Route, T> compiler) {
        Set<String> ids = new HashSet<>();
        for (Route route : routes) {
            if (!ids.add(route.id())) {
                throw new RouteDefinitionException(route.id(), "id", "duplicate route id",
                        "give every route a unique id");
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingInt(i -> routes.get(i).order())
                .thenComparing((a, b) -> compareSpecificity(routes.get(b), routes.get(a)))
                .thenComparingInt(i -> i));
        @SuppressWarnings("unchecked")
        Entry<T>[] byDeclaration = new Entry[routes.size()];
        for (int rank = 0; rank < order.size(); rank++) {
            int index = order.get(rank);
            Route route = routes.get(index);
            byDeclaration[index] = new Entry<>(route, compiler.apply(route), rank);
        }
        Builder<T> root = new Builder<>();
        List<Entry<T>> unrouted = new ArrayList<>();
        for (Entry<T> entry : byDeclaration) {
            PathTemplate path = entry.route.match().path();
            if (path == null) {
                unrouted.add(entry);
                continue;
            }
            Builder<T> node = root;
            for (int s = 0; s < path.segmentCount(); s++) {
                node = path.kind(s) == PathTemplate.SegmentKind.LITERAL
                        ? node.literals.computeIfAbsent(path.literal(s), k -> new Builder<>())
                        : (node.any != null ? node.any : (node.any = new Builder<>()));
            }
            (path.catchAll() ? node.prefix : node.exact).add(entry);
        }
        unrouted.sort(Comparator.comparingInt(e -> e.rank));
        return new RouteTable<>(root.build(), toArray(unrouted), List.of(byDeclaration));
    }

    /**
     * Positive when {@code a} is more specific than {@code b}: a path template beats a regex path, which beats no
     * path; between templates, more literal segments, then no trailing {@code /**}, then more segments.
     */
    static int compareSpecificity(Route a, Route b) {
        int kind = Integer.compare(pathKind(a.match()), pathKind(b.match()));
        if (kind != 0) {
            return kind;
        }
        PathTemplate pa = a.match().path();
        PathTemplate pb = b.match().path();
        if (pa == null || pb == null) {
            return 0;
        }
        int literals = Integer.compare(pa.literalCount(), pb.literalCount());
        if (literals != 0) {
            return literals;
        }
        int fixed = Boolean.compare(!pa.catchAll(), !pb.catchAll());
        if (fixed != 0) {
            return fixed;
        }
        return Integer.compare(pa.segmentCount(), pb.segmentCount());
    }

    private static int pathKind(RouteMatch match) {
        return match.path() != null ? 2 : (match.pathRegex() != null ? 1 : 0);
    }

    @SuppressWarnings("unchecked")
    private static <T> Entry<T>[] toArray(List<Entry<T>> list) {
        return list.toArray(new Entry[0]);
    }

    /** The best route for the request (its match path and other conditions), or {@code null}. */
    public @Nullable Entry<T> find(RequestView request) {
        String path = request.matchPath();
        Entry<T> best = visit(this.root, path, path.length() > 1 ? 1 : -1, request, null);
        for (Entry<T> entry : this.unrouted) {
            if (best != null && entry.rank >= best.rank) {
                break;
            }
            if (entry.route.match().matchesPath(path) && entry.route.match().matchesNonPath(request)) {
                return entry;
            }
        }
        return best;
    }

    /**
     * @param start index of the next segment's first character, or -1 when no segment is left
     */
    private static <T> @Nullable Entry<T> visit(Node<T> node, String path, int start, RequestView request,
            @Nullable Entry<T> best) {
        if (best != null && node.minRank >= best.rank) {
            return best;
        }
        best = pick(node.prefix, request, best);
        if (start < 0) {
            return pick(node.exact, request, best);
        }
        int slash = path.indexOf('/', start);
        int end = slash < 0 ? path.length() : slash;
        int next = slash < 0 ? -1 : slash + 1;
        if (node.literals != null) {
            Node<T> child = node.literals.get(path, start, end);
            if (child != null) {
                best = visit(child, path, next, request, best);
            }
        }
        if (node.any != null && end > start) {
            best = visit(node.any, path, next, request, best);
        }
        return best;
    }

    private static <T> @Nullable Entry<T> pick(Entry<T>[] candidates, RequestView request,
            @Nullable Entry<T> best) {
        for (Entry<T> entry : candidates) {
            if (best != null && entry.rank >= best.rank) {
                return best;
            }
            if (entry.route.match().matchesNonPath(request)) {
                return entry;
            }
        }
        return best;
    }

    /** Every route's entry, in declaration order. */
    public List<Entry<T>> entries() {
        return this.entries;
    }

    public int size() {
        return this.entries.size();
    }

    /** A compiled route: the route, what it was compiled into, and its global rank (0 wins). */
    public static final class Entry<T> {

        private final Route route;
        private final T value;
        private final int rank;

        Entry(Route route, T value, int rank) {
            this.route = route;
            this.value = value;
            this.rank = rank;
        }

        public Route route() {
            return this.route;
        }

        public T value() {
            return this.value;
        }

        public int rank() {
            return this.rank;
        }

        @Override
        public String toString() {
            return this.route.id() + "#" + this.rank;
        }
    }

    private static final class Node<T> {

        final @Nullable SegmentMap<Node<T>> literals;
        final @Nullable Node<T> any;
        final Entry<T>[] exact;
        final Entry<T>[] prefix;
        final int minRank;

        Node(@Nullable SegmentMap<Node<T>> literals, @Nullable Node<T> any, Entry<T>[] exact, Entry<T>[] prefix,
                int minRank) {
            this.literals = literals;
            this.any = any;
            this.exact = exact;
            this.prefix = prefix;
            this.minRank = minRank;
        }
    }

    private static final class Builder<T> {

        final Map<String, Builder<T>> literals = new LinkedHashMap<>();
        @Nullable Builder<T> any;
        final List<Entry<T>> exact = new ArrayList<>();
        final List<Entry<T>> prefix = new ArrayList<>();

        Node<T> build() {
            exact.sort(Comparator.comparingInt(e -> e.rank));
            prefix.sort(Comparator.comparingInt(e -> e.rank));
            Map<String, Node<T>> children = new HashMap<>();
            int min = Integer.MAX_VALUE;
            for (Map.Entry<String, Builder<T>> e : this.literals.entrySet()) {
                Node<T> child = e.getValue().build();
                children.put(e.getKey(), child);
                min = Math.min(min, child.minRank);
            }
            Node<T> anyChild = this.any != null ? this.any.build() : null;
            if (anyChild != null) {
                min = Math.min(min, anyChild.minRank);
            }
            if (!exact.isEmpty()) {
                min = Math.min(min, exact.get(0).rank);
            }
            if (!prefix.isEmpty()) {
                min = Math.min(min, prefix.get(0).rank);
            }
            return new Node<>(children.isEmpty() ? null : new SegmentMap<>(children), anyChild, toArray(exact),
                    toArray(prefix), min);
        }
    }

    @Override
    public String toString() {
        return "RouteTable" + Arrays.toString(this.entries.toArray());
    }
}
