package dev.portico.gateway.autoconfigure.properties;

import java.util.List;

import dev.portico.gateway.route.RouteDefinitionException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.convert.ConversionException;

/**
 * Makes binding of {@code portico.*} strict: when a Portico properties class has been bound, every key under its
 * prefix is checked with {@link KeyCheck}, and unknown or dropped keys fail startup with
 * {@link InvalidPropertyKeysException}. A value outside an enum-typed property's set fails as a
 * {@link RouteDefinitionException} naming the property and the accepted values ({@link EnumValues}), the report any
 * other invalid value gets. Other prefixes bind as before.
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

        @Override
        public @Nullable Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                Exception error) throws Exception {
            Class<?> type = target.getType().resolve(Object.class);
            if (type.isEnum() && error instanceof ConversionException && ROOT.isAncestorOf(name)) {
                ConfigurationProperty property = context.getConfigurationProperty();
                Object value = property == null ? null : property.getValue();
                throw new RouteDefinitionException(null, name.toString(), "'" + value + "' is not one of its values",
                        "expected " + String.join(", ", EnumValues.forms(type)), error);
            }
            return super.onFailure(name, target, context, error);
        }
    }
}
