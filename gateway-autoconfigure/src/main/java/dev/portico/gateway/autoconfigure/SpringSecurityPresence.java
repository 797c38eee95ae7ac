package dev.portico.gateway.autoconfigure;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Whether Spring Security protects this application: a {@code SecurityWebFilterChain} or the
 * {@code WebFilterChainProxy} that runs them is defined (Boot's reactive security auto-configuration defines the
 * proxy as soon as Spring Security's web module is added). Gateway traffic is served below WebFlux, so that chain
 * never sees a gateway route: the gateway must then require authentication on its own routes, or a user who added
 * Spring Security would believe routes protected that are open.
 */
final class SpringSecurityPresence {

    private static final String FILTER_CHAIN = "org.springframework.security.web.server.SecurityWebFilterChain";

    private static final String CHAIN_PROXY = "org.springframework.security.web.server.WebFilterChainProxy";

    private SpringSecurityPresence() {
    }

    static boolean protects(ListableBeanFactory beanFactory) {
        return defines(beanFactory, FILTER_CHAIN) || defines(beanFactory, CHAIN_PROXY);
    }

    private static boolean defines(ListableBeanFactory beanFactory, String type) {
        ClassLoader loader = SpringSecurityPresence.class.getClassLoader();
        if (!ClassUtils.isPresent(type, loader)) {
            return false;
        }
        // definitions only: no bean is created early, and a factory bean is not asked for its object
        return beanFactory.getBeanNamesForType(ClassUtils.resolveClassName(type, loader), true, false).length > 0;
    }
}
