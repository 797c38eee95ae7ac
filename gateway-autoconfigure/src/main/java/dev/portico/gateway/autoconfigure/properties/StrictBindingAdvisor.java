package dev.portico.gateway.autoconfigure.properties;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * Makes binding of {@code portico.*} strict: when a Portico properties class has been bound, every key under its
 * prefix is checked with {@link KeyCheck}, and unknown or dropped keys fail startup with
 * {@link InvalidPropertyKeysException}. Other prefixes bind as before.
 */
public final class StrictBindingAdvisor implements ConfigurationPropertiesBindHandlerAdvisor {

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of(PorticoNamespace.PREFIX);

    @Override
    public BindHandler apply(BindHandler bindHandler) {
        return new StrictBindHandler(bindHandler);
    }

    /** Checks when the root of a Portico properties class finishes binding, i.e. after all its values bound. */
    private static final class StrictBindHandler extends AbstractBindHandler {

        StrictBindHandler(BindHandler parent) {
            super(parent);
        }

        @Override
        public void onFinish(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                @Nullable Object result) throws Exception {
            if (context.getDepth() == 0 && (ROOT.equals(name) || ROOT.isAncestorOf(name))) {
                Class<?> type = target.getType().resolve(Object.class);
                ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader()
                        : StrictBindingAdvisor.class.getClassLoader();
                List<KeyProblem> problems = new KeyCheck(PorticoNamespace.shape(loader))
                        .check(name, context.getSources());
                if (!problems.isEmpty()) {
                    throw new InvalidPropertyKeysException(problems);
                }
            }
            super.onFinish(name, target, context, result);
        }
    }
}
