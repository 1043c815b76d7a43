package dev.logship.logging;

import com.fasterxml.jackson.core.JsonStreamContext;
import net.logstash.logback.mask.ValueMasker;

/** The JSON format's side of {@link SecretMask}: every string value written (message, MDC fields, stack trace). */
final class MaskedJsonValues implements ValueMasker {
    @Override
    public Object mask(JsonStreamContext context, Object value) {
        if (value instanceof String text) {
            String masked = SecretMask.apply(text);
            return masked.equals(text) ? null : masked; // null: leave the value as it is
        }
        return null;
    }
}
