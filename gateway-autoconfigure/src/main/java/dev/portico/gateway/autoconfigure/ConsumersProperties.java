package dev.portico.gateway.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.portico.gateway.autoconfigure.properties.StrictBindingAdvisor;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The consumers of the gateway ({@code portico.consumers}): who may call authenticated routes, with which API keys
 * and basic-auth credentials, in which groups. Read by {@link PorticoSecurityAutoConfiguration} into the
 * {@code ConsumerStore} that {@code key-auth} and {@code basic-auth} look credentials up in.
 *
 * <p>Not a bean: {@link #bind} binds it from the environment. The annotation puts {@code portico.consumers} in the
 * {@code portico.*} namespace, so the strict key check, the JSON schema and IDE metadata know it.
 */
@ConfigurationProperties(prefix = "portico")
public class ConsumersProperties {

    /** Consumers by name; the name is the consumer's id unless 'id' is set. */
    private Map<String, ConsumerProperties> consumers = new LinkedHashMap<>();

    public Map<String, ConsumerProperties> getConsumers() {
        return this.consumers;
    }

    public void setConsumers(Map<String, ConsumerProperties> consumers) {
        this.consumers = consumers;
    }

    /**
     * Binds {@code portico.consumers} from the environment, strictly: an unknown key below it fails startup with
     * the same report as any other {@code portico.*} key. Only that subtree is bound and checked here.
     */
    static ConsumersProperties bind(Environment environment) {
        BindHandler strict = new StrictBindingAdvisor().apply(BindHandler.DEFAULT);
        ConsumersProperties properties = new ConsumersProperties();
        Binder.get(environment).bind("portico.consumers", Bindable.mapOf(String.class, ConsumerProperties.class),
                strict).ifBound(properties::setConsumers);
        return properties;
    }
}
