package dev.portico.gateway.security.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Supplier;

import com.networknt.schema.Schema;
import com.networknt.schema.i18n.MessageSource;
import org.jspecify.annotations.Nullable;

/**
 * The validator's English messages, read from the validator's own jar. Its default source looks the bundle up by
 * name on the class path, where the first {@code jsv-messages.properties} wins: {@code wiremock-standalone} shades an
 * older validator with the same file, whose templates take the instance location as {@code {0}}, and the 3.x
 * messages come out as {@code "^[A-Z]+$: does not match the regex pattern {1}"}.
 */
final class SchemaMessages implements MessageSource {

    private static final String BUNDLE = "jsv-messages.properties";

    private final Properties templates;

    private SchemaMessages(Properties templates) {
        this.templates = templates;
    }

    /** The messages of the jar {@link Schema} was loaded from. */
    static SchemaMessages load() {
        URL own = Schema.class.getResource("Schema.class");
        if (own == null) {
            throw new IllegalStateException("json-schema-validator: Schema.class not found as a resource");
        }
        String text = own.toString();
        String root = text.substring(0, text.length() - "com/networknt/schema/Schema.class".length());
        Properties templates = new Properties();
        try (InputStream in = URI.create(root + BUNDLE).toURL().openStream()) {
            templates.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        catch (IOException | IllegalArgumentException ex) {
            throw new IllegalStateException("json-schema-validator: cannot read " + root + BUNDLE, ex);
        }
        return new SchemaMessages(templates);
    }

    @Override
    public String getMessage(String key, @Nullable Supplier<String> defaultMessage, Locale locale, Object... args) {
        String template = this.templates.getProperty(key);
        if (template == null) {
            return defaultMessage != null ? defaultMessage.get() : key;
        }
        return new MessageFormat(template, Locale.ENGLISH).format(args);
    }
}
